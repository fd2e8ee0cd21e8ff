package io.courier.gateway.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;

import java.net.InetAddress;

import static io.courier.gateway.support.Reachability.accepts;
import static io.courier.gateway.support.Reachability.networkAddress;
import static org.assertj.core.api.Assertions.assertThat;

/** Real Netty servers set up by {@link BindAddress}, probed over this machine's loopback and network addresses. */
class BindAddressTest {

    private static final String SECRET = "s".repeat(64);
    private static final String VAULT_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues("courier.pool-size=10");

    @Test
    void with_the_development_secrets_only_this_machine_can_connect() {
        InetAddress network = networkAddress();
        context.run(started -> {
            WebServer server = serve(started.getBean(BindAddress.class));
            try {
                assertThat(accepts(InetAddress.getLoopbackAddress(), server.getPort())).isTrue();
                assertThat(accepts(network, server.getPort())).as("reachable over " + network).isFalse();
            } finally {
                server.stop();
            }
        });
    }

    @Test
    void with_real_secrets_every_interface_accepts() {
        InetAddress network = networkAddress();
        context.withPropertyValues("spring.profiles.active=production",
                "courier.secret-key-base=" + SECRET, "courier.vault-key=" + VAULT_KEY).run(started -> {
            WebServer server = serve(started.getBean(BindAddress.class));
            try {
                assertThat(accepts(InetAddress.getLoopbackAddress(), server.getPort())).isTrue();
                assertThat(accepts(network, server.getPort())).as("reachable over " + network).isTrue();
            } finally {
                server.stop();
            }
        });
    }

    @Test
    void bind_address_overrides_the_default() {
        InetAddress network = networkAddress();
        context.withPropertyValues("courier.bind-address=" + network.getHostAddress()).run(started -> {
            WebServer server = serve(started.getBean(BindAddress.class));
            try {
                assertThat(accepts(network, server.getPort())).isTrue();
                assertThat(accepts(InetAddress.getLoopbackAddress(), server.getPort())).isFalse();
            } finally {
                server.stop();
            }
        });
    }

    @Test
    void an_unusable_bind_address_stops_start_up_naming_it() {
        context.withPropertyValues("courier.bind-address=[not-an-address]").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("BIND_ADDRESS");
        });
    }

    private static WebServer serve(BindAddress bindAddress) {
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
        bindAddress.customize(factory);
        WebServer server = factory.getWebServer((request, response) -> {
            response.setStatusCode(HttpStatus.NO_CONTENT);
            return response.setComplete();
        });
        server.start();
        return server;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CourierProperties.class)
    @Import(BindAddress.class)
    static class Settings {
    }
}
