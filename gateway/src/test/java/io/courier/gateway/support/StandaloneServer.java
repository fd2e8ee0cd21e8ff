package io.courier.gateway.support;

import io.courier.CourierApplication;
import io.courier.gateway.database.DatabaseUrl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
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

    /** A fresh vault key for nodes that must share it, as production requires: each opens what the other sealed. */
    public static String sharedVaultKey() {
        byte[] vaultKey = new byte[32];
        new SecureRandom().nextBytes(vaultKey);
        return "--courier.vault-key=" + Base64.getEncoder().encodeToString(vaultKey);
    }

    /** Points a second node at the database of {@code node}, the documented scale-out without Axon Server. */
    public static String sameDatabaseAs(ConfigurableApplicationContext node) {
        DatabaseUrl database = node.getBean(DatabaseUrl.class);
        return "--courier.database-url=postgres://" + database.username() + "@" + database.host() + ":" + database.port()
                + "/" + database.database();
    }

    public static ApiClient client(ConfigurableApplicationContext server) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        return new ApiClient(ConnectionPerRequest.client("http://localhost:" + port).build());
    }
}
