package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.StoredWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CourierIntegrationTest
class ProfileRoundTripTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;
    String access;

    @BeforeEach
    void signedIn() {
        api = new ApiClient(http);
        String email = uniqueEmail();
        api.post("/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Ada"))
                .expectStatus().isCreated();
        access = api.login(email).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/profile", access).expectStatus().isOk());
    }

    @Test
    void a_new_profile_has_the_defaults() {
        JsonNode profile = json(api.get("/api/profile", access));

        assertThat(profile.get("displayName").asText()).isEqualTo("Ada");
        assertThat(profile.get("textMagnification").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(profile.get("theme").asText()).isEqualTo("auto");
        assertThat(profile.get("hidden").asBoolean()).isFalse();
        assertThat(profile.get("recents")).isEmpty();
    }

    @Test
    void every_field_changed_is_read_back_and_fields_left_out_keep_their_values() {
        api.send(HttpMethod.PATCH, "/api/profile", access, Map.of("displayName", "  Ada Lovelace ",
                        "textMagnification", 1.3, "theme", "night", "hidden", true, "recents", List.of("/a", "/b")))
                .expectStatus().isNoContent();
        api.send(HttpMethod.PATCH, "/api/profile", access, Map.of("theme", "day")).expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode profile = json(api.get("/api/profile", access));
            assertThat(profile.get("displayName").asText()).isEqualTo("Ada Lovelace");
            assertThat(profile.get("textMagnification").decimalValue()).isEqualByComparingTo("1.3");
            assertThat(profile.get("theme").asText()).isEqualTo("day");
            assertThat(profile.get("hidden").asBoolean()).isTrue();
            assertThat(profile.get("recents")).extracting(JsonNode::asText).containsExactly("/a", "/b");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get("/api/me", access))
                .get("displayName").asText()).isEqualTo("Ada Lovelace"));
    }

    @Test
    void a_viewed_page_goes_to_the_front_of_the_recents_once() {
        for (String page : new String[]{"/conversations/1", "/settings", "/conversations/1"}) {
            api.send(HttpMethod.POST, "/api/recents", access, Map.of("page", page)).expectStatus().isNoContent();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get("/api/profile", access))
                .get("recents")).extracting(JsonNode::asText).containsExactly("/conversations/1", "/settings"));
    }

    @Test
    void each_invalid_field_is_a_422_with_its_own_code_and_nothing_is_stored() {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(patch(Map.of("displayName", "Al")), 422, "invalid_display_name");
        expectProblem(patch(Map.of("displayName", "x".repeat(41))), 422, "invalid_display_name");
        expectProblem(patch(Map.of("textMagnification", 1.45)), 422, "invalid_text_magnification");
        expectProblem(patch(Map.of("textMagnification", 0.6)), 422, "invalid_text_magnification");
        expectProblem(patch(Map.of("theme", "dark")), 422, "invalid_theme");
        expectProblem(patch(Map.of("recents", IntStream.range(0, 21).mapToObj(i -> "/p/" + i).toList())),
                422, "invalid_recents");
        expectProblem(patch(Map.of("recents", List.of("/a", "/a"))), 422, "invalid_recents");
        expectProblem(patch(Map.of("theme", "night", "displayName", "\u200B")), 422, "invalid_display_name");
        expectProblem(api.send(HttpMethod.POST, "/api/recents", access, Map.of("page", " ")), 422, "invalid_recents");
        // wrong JSON types are unreadable, not invalid
        expectProblem(patch(Map.of("hidden", "yes")), 400, "bad_request");
        expectProblem(patch(Map.of("textMagnification", "1.2")), 400, "bad_request");
        expectProblem(patch(Map.of("displayName", 42)), 400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
        assertThat(json(api.get("/api/profile", access)).get("theme").asText()).isEqualTo("auto");
    }

    @Test
    void the_profile_is_the_callers_own_and_needs_a_token() {
        expectProblem(http.get().uri("/api/profile").exchange(), 401, "unauthenticated");
        expectProblem(http.patch().uri("/api/profile").bodyValue(Map.of("theme", "day")).exchange(), 401, "unauthenticated");
    }

    private WebTestClient.ResponseSpec patch(Object body) {
        return api.send(HttpMethod.PATCH, "/api/profile", access, body);
    }
}
