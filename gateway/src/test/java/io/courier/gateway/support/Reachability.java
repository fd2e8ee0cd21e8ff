package io.courier.gateway.support;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Probes whether a server accepts connections over this machine's loopback or network address. */
public final class Reachability {

    private Reachability() {
    }

    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** An IPv4 address of this machine other than loopback, to probe from "outside"; skips the test if none. */
    public static InetAddress networkAddress() {
        Optional<InetAddress> address;
        try {
            address = NetworkInterface.networkInterfaces()
                    .filter(Reachability::isUpAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            address = Optional.empty();
        }
        assumeTrue(address.isPresent(), "this machine has no network address besides loopback");
        return address.get();
    }

    private static boolean isUpAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
