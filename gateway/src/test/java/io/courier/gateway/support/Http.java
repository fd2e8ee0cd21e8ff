package io.courier.gateway.support;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;

/** HTTP clients for tests that need something other than the auto-configured one. */
public final class Http {

    private Http() {
    }

    /**
     * Drops pooled connections after half a second idle, before a server with a short idle timeout
     * closes them under a request about to be sent.
     */
    public static WebTestClient freshConnections(int port) {
        ConnectionProvider connections = ConnectionProvider.builder("short-idle")
                .maxIdleTime(Duration.ofMillis(500))
                .build();
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
