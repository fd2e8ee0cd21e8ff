package io.courier.gateway.abuse;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which client a request comes from, for per-address limits: the TCP peer, unless that peer is one
 * of the configured trusted proxies ({@code TRUSTED_PROXIES}). Then {@code X-Forwarded-For} is read
 * from the right, skipping trusted hops: the first other address is the one the proxies saw. Entries
 * further left were written by the client and are ignored, so forging them gains nothing.
 * <p>
 * IPv6 clients are keyed by their /64 network: one subscriber usually holds a whole /64.
 */
@Component
public class ClientAddresses {

    private static final String UNKNOWN = "unknown";

    private final List<IpSubnetFilterRule> trustedProxies;

    ClientAddresses(@Value("${courier.trusted-proxies:}") String trustedProxies) {
        this.trustedProxies = parse(trustedProxies);
    }

    public String of(ServerHttpRequest request) {
        InetAddress client = client(request);
        return client == null ? UNKNOWN : key(client);
    }

    /** The client's own address, as shown to its user (a session's device), not the /64 the limits count; null if unknown. */
    public String address(ServerHttpRequest request) {
        InetAddress client = client(request);
        return client == null ? null : client.getHostAddress();
    }

    private InetAddress client(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        InetAddress client = peer.getAddress();
        if (isTrusted(client)) {
            List<String> hops = request.getHeaders().getValuesAsList("X-Forwarded-For");
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = ipLiteral(hops.get(i));
                if (hop == null) {
                    break; // garbage where a proxy should have written an address: keep the last trusted hop
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress candidate = new InetSocketAddress(address, 0);
        return trustedProxies.stream().anyMatch(proxy -> proxy.matches(candidate));
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return NetUtil.bytesToIpAddress(network) + "/64";
        }
        return address.getHostAddress();
    }

    /** Parses an IP literal without ever asking DNS; null if it is not one. */
    private static InetAddress ipLiteral(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        return NetUtil.createInetAddressFromIpAddressString(candidate);
    }

    private static List<IpSubnetFilterRule> parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return List.of();
        }
        return Arrays.stream(configured.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(ClientAddresses::matcher)
                .toList();
    }

    private static IpSubnetFilterRule matcher(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = ipLiteral(slash < 0 ? entry : entry.substring(0, slash));
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException notANumber) {
            prefix = -1;
        }
        if (address == null || prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("TRUSTED_PROXIES must list IP addresses or CIDR ranges"
                    + " (like 10.0.0.0/8,::1), got '" + entry + "'");
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }
}
