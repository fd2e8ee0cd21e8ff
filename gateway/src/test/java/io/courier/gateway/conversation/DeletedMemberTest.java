package io.courier.gateway.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A deleted account leaves its conversations; what it sent stays, from "deleted user". */
@CourierIntegrationTest
class DeletedMemberTest {

    @Autowired
    WebTestClient http;

    @Test
    void a_deleted_account_leaves_its_conversations_and_its_messages_stay_as_from_a_deleted_user() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID group = ada.startGroup("Soon two", bob, cyd);
        bob.awaitConversation(group, c -> { });
        bob.uploadKeys(group);
        cyd.uploadKeys(group);
        ada.awaitReady(group);
        UUID privateChat = ada.startPrivateWith(bob);
        bob.startPrivateWith(ada);
        ada.awaitReady(privateChat);
        bob.postTextOk(group, "goodbye, group");
        bob.postTextOk(privateChat, "goodbye, Ada");
        ConversationEndToEndTest.awaitHistory(ada, privateChat, 1);
        ConversationEndToEndTest.awaitHistory(ada, group, 1);

        bob.send(HttpMethod.DELETE, "/api/account", Map.of("currentPassword", ApiClient.PASSWORD))
                .expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode seen = ada.json(ada.get("/api/conversations/" + group).expectStatus().isOk());
            assertThat(seen.get("members").findValuesAsText("userId"))
                    .containsExactlyInAnyOrder(ada.id().toString(), cyd.id().toString());
            assertThat(seen.get("publicKeys").has(bob.id().toString())).isFalse();
            assertThat(seen.get("ready").asBoolean()).isTrue();
        });
        // posting no longer needs a ciphertext for the deleted account
        ada.postTextOk(group, "still here");
        JsonNode history = ConversationEndToEndTest.awaitHistory(cyd, group, 2);
        JsonNode fromBob = history.get("items").get(1);
        assertThat(fromBob.get("senderName").asText()).isEqualTo("deleted user");
        assertThat(cyd.decrypt(group, fromBob)).isEqualTo("goodbye, group");

        // the private conversation stays Ada's, with its history
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode seen = ada.json(ada.get("/api/conversations/" + privateChat).expectStatus().isOk());
            assertThat(seen.get("members")).hasSize(1);
        });
        JsonNode privateHistory = ada.history(privateChat, "");
        assertThat(privateHistory.get("items").get(0).get("senderName").asText()).isEqualTo("deleted user");
        assertThat(ada.decrypt(privateChat, privateHistory.get("items").get(0))).isEqualTo("goodbye, Ada");
    }
}
