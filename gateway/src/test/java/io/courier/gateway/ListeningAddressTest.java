package io.courier.gateway;

import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.InetAddress;

import static io.courier.gateway.support.Reachability.accepts;
import static io.courier.gateway.support.Reachability.networkAddress;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole server on the development secrets is not reachable from the network. */
@CourierIntegrationTest
class ListeningAddressTest {

    @LocalServerPort
    int port;

    @Test
    void a_server_on_development_secrets_listens_on_loopback_only() {
        InetAddress network = networkAddress();
        assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
        assertThat(accepts(network, port)).as("reachable over " + network).isFalse();
    }
}
