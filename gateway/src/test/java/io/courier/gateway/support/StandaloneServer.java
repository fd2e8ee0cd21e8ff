package io.courier.gateway.support;

import io.courier.CourierApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/** A whole Courier server started by a test itself, for restarts and for several nodes on one database. */
public final class StandaloneServer {

    private StandaloneServer() {
    }

    /** Arguments as on a command line, where they outrank application.yml (builder properties would not). */
    public static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(CourierApplication.class, OwnNettyResources.class).run(arguments);
    }

    public static ApiClient client(ConfigurableApplicationContext server) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        return new ApiClient(WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build());
    }

    /**
     * Stopping a server that uses Reactor Netty's global event loops disposes them, under the server
     * the other test classes share in this JVM. Not annotated, so component scanning never finds it.
     */
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }
}
