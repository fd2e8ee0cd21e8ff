package io.courier.gateway;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.StandaloneServer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server is stopped and started again on the same embedded database directory. A low snapshot
 * threshold makes the second run load the user from a snapshot written by the first.
 */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void accounts_sessions_and_read_models_survive_a_restart() {
        String email = uniqueEmail();
        UUID userId;
        String refreshToken;
        try (ConfigurableApplicationContext server = start()) {
            assertThat(Path.of(server.getBean(JdbcTemplate.class).queryForObject("SHOW data_directory", String.class)))
                    .as("the test's own directory, never the user's COURIER_DATA_DIR")
                    .isEqualTo(dataDirectory.resolve("postgres"));
            ApiClient api = StandaloneServer.client(server);
            userId = api.register(email);
            ApiClient.Tokens tokens = api.login(email);
            refreshToken = tokens.refreshToken();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    api.get("/api/me", tokens.accessToken()).expectStatus().isOk());
            refreshToken = api.refreshOk(refreshToken).refreshToken();
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class,
                    userId.toString())).isPositive());
        }
        // without SMTP_HOST the development mail server kept the confirmation mail as a file
        String confirmationToken = await().atMost(Duration.ofSeconds(30)).until(this::mailedToken, token -> token != null);

        try (ConfigurableApplicationContext server = start()) {
            assertThat(latestSnapshot(server, userId)).as("snapshot readable by the restarted server")
                    .isInstanceOf(io.courier.command.account.User.class);
            ApiClient api = StandaloneServer.client(server);
            ApiClient.Tokens rotated = api.refreshOk(refreshToken);
            api.get("/api/me", rotated.accessToken()).expectStatus().isOk()
                    .expectBody().jsonPath("$.userId").isEqualTo(userId.toString());
            api.login(email);
            ApiClient.expectProblem(api.post("/auth/register",
                    java.util.Map.of("email", email, "password", ApiClient.PASSWORD)), 409, "email_taken");
            api.post("/auth/confirm", java.util.Map.of("token", confirmationToken)).expectStatus().isOk()
                    .expectBody().jsonPath("$.purpose").isEqualTo("email_confirm");
        }
    }

    /** The token of the link in the first development mail saved, or null while there is none. */
    private String mailedToken() throws IOException {
        Path mails = dataDirectory.resolve("mail");
        if (!Files.isDirectory(mails)) {
            return null;
        }
        try (Stream<Path> files = Files.list(mails)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".eml")).toList()) {
                Matcher link = Pattern.compile("confirm-email\\?token=([A-Za-z0-9._-]+)")
                        .matcher(Files.readString(file));
                if (link.find()) {
                    return link.group(1);
                }
            }
        }
        return null;
    }

    @Test
    void a_snapshot_of_an_older_shape_is_ignored_and_the_user_rebuilt_from_events() {
        String email = uniqueEmail();
        UUID userId;
        String refreshToken;
        try (ConfigurableApplicationContext server = start()) {
            ApiClient api = StandaloneServer.client(server);
            userId = api.register(email);
            refreshToken = api.login(email).refreshToken();
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            // what the previous User (token map, no revision) wrote: read as today's User it knows no tokens
            jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", userId.toString());
            jdbc.update("""
                    INSERT INTO snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                        payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, 1, 'User', ?, ?, ?, NULL, 'io.courier.command.account.User', '2026-11-24T12:00:00Z')""",
                    userId.toString(), UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    ("{\"userId\":\"" + userId + "\",\"passwordHash\":\"x\",\"tokensByHash\":{}}")
                            .getBytes(StandardCharsets.UTF_8));
        }

        try (ConfigurableApplicationContext server = start()) {
            StandaloneServer.client(server).refreshOk(refreshToken);
        }
    }

    /** Command-line arguments, as builder properties are mere defaults that application.yml overrides. */
    private ConfigurableApplicationContext start() {
        return StandaloneServer.start("--server.port=0",
                "--courier.embedded-database.directory=" + dataDirectory.resolve("postgres"),
                "--courier.snapshot-threshold=2");
    }

    /** Axon silently falls back to a full replay when a snapshot can't be read, so read it directly. */
    private static Object latestSnapshot(ConfigurableApplicationContext server, UUID userId) {
        Serializer serializer = server.getBean(Serializer.class);
        return server.getBean(JdbcTemplate.class).queryForObject("""
                SELECT payload, payloadtype FROM snapshotevententry WHERE aggregateidentifier = ?
                ORDER BY sequencenumber DESC LIMIT 1""", (row, i) -> serializer.deserialize(new SimpleSerializedObject<>(
                row.getBytes("payload"), byte[].class, row.getString("payloadtype"), null)), userId.toString());
    }
}
