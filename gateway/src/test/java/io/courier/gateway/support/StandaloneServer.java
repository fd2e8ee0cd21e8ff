package io.courier.gateway.support;

import io.courier.CourierApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** A whole Courier server started by a test itself, for restarts and for several nodes on one database. */
public final class StandaloneServer {

    private StandaloneServer() {
    }

    /**
     * Arguments as on a command line, where they outrank application.yml (builder properties would not).
     * No management server (two of them would both want its default port), and rate limits that tests
     * registering many users from one address never reach.
     */
    public static ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--management.server.port=-1",
                "--courier.rate-limits.login-per-account=1000000/1m",
                "--courier.rate-limits.login-per-address=1000000/1m",
                "--courier.rate-limits.registration-per-address=1000000/1m"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(CourierApplication.class).run(all.toArray(String[]::new));
    }

    public static ApiClient client(ConfigurableApplicationContext server) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        return new ApiClient(ConnectionPerRequest.client("http://localhost:" + port).build());
    }
}
