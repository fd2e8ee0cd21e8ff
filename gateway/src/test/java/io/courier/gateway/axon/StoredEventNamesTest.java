package io.courier.gateway.axon;

import io.courier.api.common.EventType;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.LegacyAccounts;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stored events are named explicitly, and events stored before that are still read. */
@CourierIntegrationTest
class StoredEventNamesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StoredEventTypes types;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void events_are_stored_under_their_stable_name_and_revision_not_the_java_class() {
        UUID userId = new ApiClient(http).register(uniqueEmail());

        Map<String, Object> stored = jdbc.queryForMap("""
                SELECT payloadtype, payloadrevision FROM domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = 0""", userId.toString());

        assertThat(stored).containsEntry("payloadtype", "account.UserRegistered").containsEntry("payloadrevision", "2");
    }

    @Test
    void no_stored_event_name_ever_disappears_or_changes() throws IOException {
        List<String> expected = new ClassPathResource("stored-event-types.txt").getContentAsString(StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        List<String> actual = types.all().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().getAnnotation(EventType.class).revision())
                .sorted().toList();

        assertThat(actual).containsExactlyElementsOf(new TreeSet<>(expected));
    }

    @Test
    void every_event_an_aggregate_or_projection_handles_has_a_stable_name() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile("io\\.courier\\.(command|query)\\..*")));
        List<Class<?>> handled = scanner.findCandidateComponents("io.courier").stream()
                .map(candidate -> load(candidate.getBeanClassName()))
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(EventSourcingHandler.class)
                        || method.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes).filter(parameters -> parameters.length > 0)
                .<Class<?>>map(parameters -> parameters[0]).distinct().toList();

        assertThat(handled).isNotEmpty()
                .allSatisfy(event -> assertThat(event.isAnnotationPresent(EventType.class))
                        .as(event.getName() + " is handled, so stored: it needs @EventType").isTrue());
    }

    @Test
    void an_account_stored_under_java_class_names_before_naming_still_logs_in_and_is_projected() throws IOException {
        ApiClient api = new ApiClient(http);
        UUID userId = UUID.randomUUID();
        String email = uniqueEmail();
        storeLegacyEvents(userId, email);

        // the User aggregate is rebuilt from the legacy events: the password is known and the account exists
        ApiClient.Tokens tokens = api.login(email);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", tokens.accessToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Legacy Lin"));
        // and new events of that account are written under the stable names, after the old ones
        assertThat(jdbc.queryForList("""
                SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber""",
                String.class, userId.toString()))
                .containsExactly("io.courier.api.account.UserRegistered", "io.courier.api.account.RefreshTokensRevoked",
                        "account.RefreshTokenIssued");
    }

    @Test
    void a_registration_stored_in_clear_as_revision_1_is_read_as_revision_2() {
        ApiClient api = new ApiClient(http);
        UUID userId = UUID.randomUUID();
        String email = uniqueEmail();
        jdbc.update("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                            metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (?, 0, 'User', ?, '{}', convert_to(?, 'UTF8'), '1', 'account.UserRegistered', ?)""",
                userId.toString(), UUID.randomUUID().toString(), """
                        {"userId":"%s","email":"%s","passwordHash":"%s","displayName":"Revision One",
                         "registeredAt":"2026-11-25T12:00:00Z"}""".formatted(userId, email, passwordEncoder.encode(PASSWORD)),
                "2026-11-25T12:00:00Z");
        jdbc.update("INSERT INTO email_registry (email, user_id) VALUES (?, ?)", email, userId);

        ApiClient.Tokens tokens = api.login(email);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/profile", tokens.accessToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Revision One").jsonPath("$.email").isEqualTo(email));
    }

    private void storeLegacyEvents(UUID userId, String email) {
        LegacyAccounts.store(jdbc, passwordEncoder, userId, email);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
