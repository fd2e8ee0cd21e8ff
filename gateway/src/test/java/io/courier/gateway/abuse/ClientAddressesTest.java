package io.courier.gateway.abuse;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses("10.0.0.0/8, 192.0.2.7");

    @Test
    void without_trusted_proxies_the_tcp_peer_is_the_client_whatever_x_forwarded_for_says() {
        ClientAddresses direct = new ClientAddresses("");

        assertThat(direct.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_is_ignored() {
        assertThat(behindProxies.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_rightmost_untrusted_hop() {
        assertThat(behindProxies.of(request("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.0.2.7")))
                .as("forged 1.1.1.1 and trusted 192.0.2.7 are skipped").isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(request("10.1.2.3", "198.51.100.1", "10.9.9.9")))
                .as("several header lines").isEqualTo("198.51.100.1");
    }

    @Test
    void a_hop_that_is_not_an_ip_address_stops_the_walk_at_the_last_trusted_hop() {
        assertThat(behindProxies.of(request("10.1.2.3", "198.51.100.1, evil.example"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(request("10.1.2.3"))).as("no header").isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6_clients_are_keyed_by_their_64_bit_network() {
        ClientAddresses direct = new ClientAddresses("");

        assertThat(direct.of(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo(direct.of(request("2001:db8:1:2::1")))
                .isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void an_invalid_trusted_proxy_stops_start_up_naming_the_variable() {
        assertThatThrownBy(() -> new ClientAddresses("proxy.internal"))
                .hasMessageContaining("TRUSTED_PROXIES").hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33")).hasMessageContaining("TRUSTED_PROXIES");
    }

    private static MockServerHttpRequest request(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 443));
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line);
        }
        return request.build();
    }
}
