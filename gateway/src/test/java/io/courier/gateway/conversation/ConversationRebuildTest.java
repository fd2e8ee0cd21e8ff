package io.courier.gateway.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drop the conversation and message read models, replay the event store: every answer is the same again. */
@CourierIntegrationTest
class ConversationRebuildTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void replaying_the_event_store_into_empty_read_models_gives_the_same_answers() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID group = ada.startGroup("Before the replay", bob, cyd);
        bob.awaitConversation(group, c -> { });
        bob.uploadKeys(group);
        cyd.uploadKeys(group);
        ada.awaitReady(group);
        UUID edited = ada.postTextOk(group, "draft");
        UUID deleted = bob.postTextOk(group, "oops");
        cyd.postTextOk(group, "hello");
        UUID privateChat = ada.startPrivateWith(bob);
        bob.startPrivateWith(ada);
        ada.awaitReady(privateChat);
        ada.postTextOk(privateChat, "just us");
        bob.send(HttpMethod.DELETE, "/api/conversations/" + group + "/messages/" + deleted, null).expectStatus().isNoContent();
        JsonNode keys = ada.json(ada.get("/api/conversations/" + group).expectStatus().isOk()).get("publicKeys");
        Map<String, String> ciphertexts = new java.util.LinkedHashMap<>();
        keys.fieldNames().forEachRemaining(id -> ciphertexts.put(id, "edited-" + id));
        ada.send(HttpMethod.PUT, "/api/conversations/" + group + "/messages/" + edited,
                Map.of("encryptedMessages", ciphertexts)).expectStatus().isNoContent();
        cyd.post("/api/conversations/" + group + "/read", null).expectStatus().isNoContent();
        cyd.post("/api/conversations/" + group + "/leave", null).expectStatus().isNoContent();

        List<String> paths = List.of("/api/conversations", "/api/conversations/" + group,
                "/api/conversations/" + group + "/messages", "/api/conversations/" + privateChat,
                "/api/conversations/" + privateChat + "/messages");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ada.json(ada.get("/api/conversations/" + group).expectStatus().isOk()).get("members")).hasSize(2);
            // newest first: Cyd's hello, Bob's deleted oops, Ada's edited draft
            assertThat(ada.history(group, "").get("items").get(1).get("deleted").asBoolean()).isTrue();
            assertThat(ada.history(group, "").get("items").get(2).get("editedAt").isNull()).isFalse();
            assertThat(bob.history(privateChat, "").get("items")).hasSize(1);
            cyd.get("/api/conversations/" + group).expectStatus().isNotFound();
        });
        List<JsonNode> before = answers(ada, paths);
        List<JsonNode> bobBefore = answers(bob, paths);

        for (String name : List.of("conversations", "messages")) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(answers(ada, paths)).isEqualTo(before);
            assertThat(answers(bob, paths)).isEqualTo(bobBefore);
        });
    }

    private static List<JsonNode> answers(ChatClient member, List<String> paths) {
        return paths.stream().map(path -> member.json(member.get(path).expectStatus().isOk())).toList();
    }
}
