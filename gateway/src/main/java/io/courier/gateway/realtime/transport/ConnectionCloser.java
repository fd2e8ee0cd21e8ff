package io.courier.gateway.realtime.transport;

import io.rsocket.DuplexConnection;
import io.rsocket.RSocket;
import io.rsocket.exceptions.ConnectionErrorException;

import java.lang.reflect.Method;

/**
 * Ends a whole RSocket connection with a connection-level ERROR frame (stream 0), so the client learns why
 * (token expired, session revoked, server stopping) rather than seeing the socket drop. rsocket-java exposes the
 * connection of its requester only through a public method of a package-private class, so it is reached by
 * reflection; should that ever fail, the connection is simply closed.
 */
final class ConnectionCloser {

    private static volatile Method connectionGetter;

    private ConnectionCloser() {
    }

    static void close(RSocket sendingSocket, String message) {
        DuplexConnection connection = connectionOf(sendingSocket);
        if (connection != null && !connection.isDisposed()) {
            connection.sendErrorAndClose(new ConnectionErrorException(message));
        } else {
            sendingSocket.dispose();
        }
    }

    private static DuplexConnection connectionOf(RSocket socket) {
        try {
            Method getter = connectionGetter;
            if (getter == null || !getter.getDeclaringClass().isInstance(socket)) {
                getter = find(socket.getClass());
                if (getter == null) {
                    return null;
                }
                getter.setAccessible(true);
                connectionGetter = getter;
            }
            return (DuplexConnection) getter.invoke(socket);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }

    private static Method find(Class<?> type) {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
            try {
                return candidate.getDeclaredMethod("getDuplexConnection");
            } catch (NoSuchMethodException notHere) {
                // look further up
            }
        }
        return null;
    }
}
