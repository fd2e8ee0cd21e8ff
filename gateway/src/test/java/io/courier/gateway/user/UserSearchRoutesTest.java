package io.courier.gateway.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finding people to start conversations with, without learning anything but their id and display name. */
@CourierIntegrationTest
class UserSearchRoutesTest {

    @Autowired
    WebTestClient http;

    @Test
    void users_are_found_by_the_start_of_their_name_or_their_exact_email_page_by_page_never_the_caller() {
        String tag = "Zq" + UUID.randomUUID().toString().substring(0, 6);
        ChatClient seeker = ChatClient.signUp(http, tag + " seeker");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(tag + " member " + i);
            ChatClient.signUp(http, names.get(i));
        }
        ApiClient api = new ApiClient(http);
        String email = "Findable." + UUID.randomUUID() + "@Example.com";
        api.post("/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD, "displayName", "Findable"))
                .expectStatus().isCreated();

        List<String> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            found.clear();
            String token = null;
            List<Integer> sizes = new ArrayList<>();
            do {
                JsonNode page = seeker.json((token == null
                        ? seeker.get("/api/users?limit=2&search={s}", tag.toLowerCase())
                        : seeker.get("/api/users?limit=2&search={s}&after={t}", tag.toLowerCase(), token))
                        .expectStatus().isOk());
                sizes.add(page.get("items").size());
                page.get("items").forEach(user -> {
                    found.add(user.get("displayName").asText());
                    assertThat(user.fieldNames()).toIterable().containsExactlyInAnyOrder("userId", "displayName");
                });
                token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
            } while (token != null);
            assertThat(found).containsExactlyElementsOf(names);
            assertThat(sizes.subList(0, 3)).containsExactly(2, 2, 1);
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seeker.json(
                        seeker.get("/api/users?search={s}", email.toUpperCase()).expectStatus().isOk()).get("items"))
                .extracting(user -> user.get("displayName").asText()).containsExactly("Findable"));
        // no partial email matches, and wildcards are just characters
        assertThat(seeker.json(seeker.get("/api/users?search={s}", email.substring(0, 10))
                .expectStatus().isOk()).get("items")).isEmpty();
        assertThat(seeker.json(seeker.get("/api/users?search={s}", "%").expectStatus().isOk()).get("items"))
                .isEmpty();
        assertThat(seeker.json(seeker.get("/api/users?search={s}", tag + "_").expectStatus().isOk())
                .get("items")).isEmpty();
    }

    @Test
    void bad_searches_are_refused() {
        ChatClient seeker = ChatClient.signUp(http, "Seeker");
        expectProblem(seeker.get("/api/users"), 400, "bad_request");
        expectProblem(seeker.get("/api/users?search={s}", " "), 422, "invalid_request");
        expectProblem(seeker.get("/api/users?search=a&limit=101"), 422, "invalid_request");
        expectProblem(seeker.get("/api/users?search=a&after=garbage"), 422, "invalid_request");
        expectProblem(seeker.get("/api/users?search={s}", "a\u0000b"), 422, "invalid_request");
        expectProblem(seeker.get("/api/users?search={s}", "x".repeat(321)), 422, "invalid_request");
        expectProblem(http.get().uri("/api/users?search=a").exchange(), 401, "unauthenticated");
    }

}
