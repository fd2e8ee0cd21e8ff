package io.courier.gateway.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** History pages: newest first, exact sizes, keyset-paginated, stable while others post. */
@CourierIntegrationTest
class MessageHistoryTest {

    @Autowired
    WebTestClient http;

    @Test
    void pages_walk_the_whole_history_newest_first_without_gaps_or_duplicates_while_others_post() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            posted.add(ada.postTextOk(conversation, "message " + i).toString());
        }
        ConversationEndToEndTest.awaitHistory(bob, conversation, 50);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(bob.history(conversation, "?limit=200").get("items")).hasSize(120));

        List<String> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = bob.history(conversation, token == null ? "" : "?before=" + encode(token));
            sizes.add(page.get("items").size());
            page.get("items").forEach(item -> walked.add(item.get("messageGroupId").asText()));
            if (walked.size() == 50) {
                // others keep posting while the client pages back: the walk goes on where it was
                ada.postTextOk(conversation, "late 1");
                ada.postTextOk(conversation, "late 2");
            }
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
        } while (token != null);

        assertThat(sizes).containsExactly(50, 50, 20);
        List<String> newestFirst = new ArrayList<>(posted);
        java.util.Collections.reverse(newestFirst);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(bob.texts(conversation, bob.history(conversation, "?limit=3")))
                        .containsExactly("late 2", "late 1", "message 119"));
    }

    @Test
    void an_exactly_full_last_page_says_there_is_nothing_more_only_when_asked() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        for (int i = 0; i < 4; i++) {
            ada.postTextOk(conversation, "m" + i);
        }
        ConversationEndToEndTest.awaitHistory(bob, conversation, 4);

        JsonNode first = bob.history(conversation, "?limit=2");
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = bob.history(conversation, "?limit=2&before=" + encode(first.get("nextPageToken").asText()));
        assertThat(second.get("items")).hasSize(2);
        String last = second.get("nextPageToken").isNull() ? null : second.get("nextPageToken").asText();
        if (last != null) {
            assertThat(bob.history(conversation, "?limit=2&before=" + encode(last)).get("items")).isEmpty();
        }
        assertThat(bob.history(conversation, "?limit=10").get("nextPageToken").isNull()).isTrue();
    }

    @Test
    void bad_page_requests_are_refused_with_a_problem() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        UUID conversation = ada.startGroup(null);
        ada.awaitConversation(conversation, c -> { });
        String base = "/api/conversations/" + conversation + "/messages";
        expectProblem(ada.get(base + "?limit=0"), 422, "invalid_request");
        expectProblem(ada.get(base + "?limit=201"), 422, "invalid_request");
        expectProblem(ada.get(base + "?limit=ten"), 400, "bad_request");
        expectProblem(ada.get(base + "?before=not-a-token"), 422, "invalid_request");
        expectProblem(ada.get(base + "?before=" + "A".repeat(2000)), 422, "invalid_request");
        expectProblem(ada.get("/api/conversations/not-a-uuid/messages"), 400, "bad_request");
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
