package io.courier.gateway.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.ClientKeyPair;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three people talk in a group over real HTTP with real RSA-OAEP keys: each decrypts its own copy and no one
 * else's, and a fourth user finds nothing at all.
 */
@CourierIntegrationTest
class ConversationEndToEndTest {

    @Autowired
    WebTestClient http;

    @Test
    void three_members_each_decrypt_their_own_copy_and_an_outsider_sees_nothing() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        ChatClient eve = ChatClient.signUp(http, "Eve");
        UUID conversation = ada.startGroup("Analytical engines", bob, cyd);

        JsonNode seenByBob = bob.awaitConversation(conversation, c -> assertThat(c.get("members")).hasSize(3));
        assertThat(seenByBob.get("private").asBoolean()).isFalse();
        assertThat(seenByBob.get("alias").asText()).isEqualTo("Analytical engines");
        assertThat(seenByBob.get("ready").asBoolean()).isFalse();
        assertThat(ids(seenByBob.get("membersWithoutKeys"))).containsExactlyInAnyOrder(bob.id(), cyd.id());
        assertThat(seenByBob.get("privateKey").isNull()).isTrue();

        // not ready: refused, naming who lacks keys
        expectProblem(ada.post("/api/conversations/" + conversation + "/messages", Map.of("clientMessageId", "m0",
                "encryptedMessages", Map.of(ada.id(), "x", bob.id(), "x", cyd.id(), "x"))), 409, "conversation_not_ready");
        JsonNode notReady = ada.json(ada.post("/api/conversations/" + conversation + "/messages", Map.of("clientMessageId",
                "m0", "encryptedMessages", Map.of(ada.id(), "x", bob.id(), "x", cyd.id(), "x"))));
        assertThat(notReady.get("membersWithoutKeys")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(bob.id().toString(), cyd.id().toString());

        bob.uploadKeys(conversation);
        cyd.uploadKeys(conversation);
        ada.awaitReady(conversation);
        UUID messageGroupId = ada.postTextOk(conversation, "Hello, engines");

        for (ChatClient member : List.of(ada, bob, cyd)) {
            JsonNode page = awaitHistory(member, conversation, 1);
            JsonNode item = page.get("items").get(0);
            assertThat(item.get("messageGroupId").asText()).isEqualTo(messageGroupId.toString());
            assertThat(item.get("senderId").asText()).isEqualTo(ada.id().toString());
            assertThat(item.get("senderName").asText()).isEqualTo("Ada");
            assertThat(member.decrypt(conversation, item)).isEqualTo("Hello, engines");
            // the server hands back exactly the private key the member uploaded
            JsonNode own = member.json(member.get("/api/conversations/" + conversation).expectStatus().isOk());
            assertThat(own.get("privateKey").get("d").asText()).isEqualTo(member.keysFor(conversation).secretPart());
            assertThat(own.get("publicKeys")).hasSize(3);
        }
        // each copy opens only with its own recipient's key
        JsonNode bobsCopy = bob.history(conversation, "").get("items").get(0);
        String adasPrivate = ada.keysFor(conversation).secretPart();
        assertThat(adasPrivate).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientKeyPair.decryptWith(
                ada.keysFor(conversation).privateJwk(), bobsCopy.get("content").asText())).isInstanceOf(RuntimeException.class);

        // the outsider: 404 on every route, never 403
        String base = "/api/conversations/" + conversation;
        expectProblem(eve.get(base), 404, "not_found");
        expectProblem(eve.get(base + "/messages"), 404, "not_found");
        expectProblem(eve.send(HttpMethod.PUT, base + "/keys", keys()), 404, "not_found");
        expectProblem(eve.post(base + "/members", Map.of("userIds", List.of(eve.id()))), 404, "not_found");
        expectProblem(eve.send(HttpMethod.PATCH, base, Map.of("alias", "mine now")), 404, "not_found");
        expectProblem(eve.post(base + "/leave", null), 404, "not_found");
        expectProblem(eve.post(base + "/read", null), 404, "not_found");
        expectProblem(eve.post(base + "/messages", Map.of("clientMessageId", "e1",
                "encryptedMessages", Map.of(eve.id(), "x"))), 404, "not_found");
        expectProblem(eve.send(HttpMethod.PUT, base + "/messages/" + messageGroupId,
                Map.of("encryptedMessages", Map.of(eve.id(), "x"))), 404, "not_found");
        expectProblem(eve.send(HttpMethod.DELETE, base + "/messages/" + messageGroupId, null), 404, "not_found");
        expectProblem(eve.get("/api/conversations/private/" + ada.id()), 404, "not_found");
        assertThat(eve.json(eve.get("/api/conversations").expectStatus().isOk())).isEmpty();
        // an id that exists nowhere answers the same
        expectProblem(eve.get("/api/conversations/" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void a_private_conversation_is_one_per_pair_whoever_starts_it() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");

        ClientKeyPair adaKeys = ClientKeyPair.generate();
        UUID first = UUID.fromString(ada.json(ada.startPrivate(bob, adaKeys).expectStatus().isCreated())
                .get("conversationId").asText());
        UUID again = UUID.fromString(ada.json(ada.startPrivate(bob, ClientKeyPair.generate()).expectStatus().isOk())
                .get("conversationId").asText());
        ClientKeyPair bobKeys = ClientKeyPair.generate();
        UUID fromBob = UUID.fromString(bob.json(bob.startPrivate(ada, bobKeys).expectStatus().isOk())
                .get("conversationId").asText());
        assertThat(again).isEqualTo(first);
        assertThat(fromBob).isEqualTo(first);

        // Bob joined by starting it too: his keys were set; Ada's first keys were never replaced
        JsonNode seenByAda = ada.awaitReady(first);
        assertThat(seenByAda.get("private").asBoolean()).isTrue();
        assertThat(seenByAda.get("alias").isNull()).isTrue();
        assertThat(seenByAda.get("privateKey").get("d").asText()).isEqualTo(adaKeys.secretPart());
        JsonNode byUser = ada.json(ada.get("/api/conversations/private/" + bob.id()).expectStatus().isOk());
        assertThat(byUser.get("conversationId").asText()).isEqualTo(first.toString());

        // closed: no members, no alias, no leaving
        String base = "/api/conversations/" + first;
        expectProblem(ada.post(base + "/members", Map.of("userIds", List.of(ChatClient.signUp(http, "Cyd").id()))),
                409, "not_a_group");
        expectProblem(ada.send(HttpMethod.PATCH, base, Map.of("alias", "us")), 409, "not_a_group");
        expectProblem(ada.post(base + "/leave", null), 409, "not_a_group");
        // nobody talks to themselves
        expectProblem(ada.startPrivate(ada, ClientKeyPair.generate()), 422, "invalid_request");
        expectProblem(ada.post("/api/conversations/private", Map.of("otherUserId", UUID.randomUUID(),
                "publicKey", adaKeys.publicJwk(), "privateKey", adaKeys.privateJwk())), 422, "unknown_users");
    }

    @Test
    void the_recipients_must_be_exactly_the_members_naming_the_missing_and_the_extra() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient eve = ChatClient.signUp(http, "Eve");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);

        JsonNode problem = ada.json(ada.post("/api/conversations/" + conversation + "/messages",
                        Map.of("clientMessageId", "m1", "encryptedMessages", Map.of(ada.id(), "x", eve.id(), "y")))
                .expectStatus().isEqualTo(422));
        assertThat(problem.get("code").asText()).isEqualTo("recipients_mismatch");
        assertThat(problem.get("missingRecipientIds")).extracting(JsonNode::asText).containsExactly(bob.id().toString());
        assertThat(problem.get("extraRecipientIds")).extracting(JsonNode::asText).containsExactly(eve.id().toString());
    }

    @Test
    void a_retried_post_answers_the_first_result_and_stores_one_group() throws Exception {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);

        JsonNode first = ada.json(ada.postText(conversation, "retry-1", "once").expectStatus().isCreated());
        List<Thread> threads = new ArrayList<>();
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> answers.add(ada.json(ada.postText(conversation, "retry-1", "twice?")
                    .expectStatus().isCreated()).get("messageGroupId").asText()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(answers).hasSize(8).containsOnly(first.get("messageGroupId").asText());

        // and racing first posts of a new id agree on one group too
        List<Thread> racers = new ArrayList<>();
        List<String> raced = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> raced.add(ada.json(ada.postText(conversation, "race-1", "race")
                    .expectStatus().isCreated()).get("messageGroupId").asText()));
            racers.add(thread);
        }
        racers.forEach(Thread::start);
        for (Thread thread : racers) {
            thread.join();
        }
        assertThat(raced).hasSize(8).containsOnly(raced.get(0));

        JsonNode page = awaitHistory(bob, conversation, 2);
        assertThat(page.get("items")).hasSize(2);
        assertThat(bob.texts(conversation, page)).containsExactlyInAnyOrder("once", "race");
    }

    @Test
    void only_the_sender_edits_or_deletes_and_history_shows_the_latest_state() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        UUID edited = ada.postTextOk(conversation, "first draft");
        UUID deleted = ada.postTextOk(conversation, "regrettable");
        awaitHistory(bob, conversation, 2);

        JsonNode keys = ada.json(ada.get("/api/conversations/" + conversation).expectStatus().isOk()).get("publicKeys");
        Map<String, String> newCiphertexts = new java.util.LinkedHashMap<>();
        keys.fields().forEachRemaining(e -> newCiphertexts.put(e.getKey(), ClientKeyPair.encryptTo(
                new com.fasterxml.jackson.databind.ObjectMapper().convertValue(e.getValue(), Map.class), "final text")));
        String editPath = "/api/conversations/" + conversation + "/messages/" + edited;
        expectProblem(bob.send(HttpMethod.PUT, editPath, Map.of("encryptedMessages", newCiphertexts)), 403, "not_sender");
        expectProblem(bob.send(HttpMethod.DELETE, "/api/conversations/" + conversation + "/messages/" + deleted, null),
                403, "not_sender");
        expectProblem(ada.send(HttpMethod.PUT, editPath, Map.of("encryptedMessages", Map.of(ada.id(), "x"))),
                422, "recipients_mismatch");
        ada.send(HttpMethod.PUT, editPath, Map.of("encryptedMessages", newCiphertexts)).expectStatus().isNoContent();
        ada.send(HttpMethod.DELETE, "/api/conversations/" + conversation + "/messages/" + deleted, null)
                .expectStatus().isNoContent();
        // deleting again changes nothing; editing a tombstone is refused
        ada.send(HttpMethod.DELETE, "/api/conversations/" + conversation + "/messages/" + deleted, null)
                .expectStatus().isNoContent();
        expectProblem(ada.send(HttpMethod.PUT, "/api/conversations/" + conversation + "/messages/" + deleted,
                Map.of("encryptedMessages", newCiphertexts)), 409, "message_deleted");
        // a message group named under another conversation does not exist there
        UUID other = ada.startGroup(null, bob);
        expectProblem(ada.send(HttpMethod.DELETE, "/api/conversations/" + other + "/messages/" + edited, null),
                404, "not_found");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode page = bob.history(conversation, "");
            JsonNode tombstone = page.get("items").get(0);
            assertThat(tombstone.get("deleted").asBoolean()).isTrue();
            assertThat(tombstone.get("content").isNull()).isTrue();
            JsonNode latest = page.get("items").get(1);
            assertThat(latest.get("editedAt").isNull()).isFalse();
            assertThat(bob.decrypt(conversation, latest)).isEqualTo("final text");
        });
    }

    @Test
    void members_come_and_go_and_the_last_to_leave_closes_the_group() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        ChatClient cyd = ChatClient.signUp(http, "Cyd");
        UUID conversation = ada.startGroup("Two", bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        UUID beforeCyd = ada.postTextOk(conversation, "before Cyd");

        String base = "/api/conversations/" + conversation;
        bob.post(base + "/members", Map.of("userIds", List.of(cyd.id(), ada.id()))).expectStatus().isNoContent();
        // a new member makes the conversation not ready until it uploads keys
        ada.awaitConversation(conversation, c -> {
            assertThat(c.get("members")).hasSize(3);
            assertThat(c.get("ready").asBoolean()).isFalse();
            assertThat(ids(c.get("membersWithoutKeys"))).containsExactly(cyd.id());
        });
        cyd.uploadKeys(conversation);
        ada.awaitReady(conversation);
        ada.postTextOk(conversation, "with Cyd");
        // Cyd sees only what was sent since it joined
        JsonNode cydsPage = awaitHistory(cyd, conversation, 1);
        assertThat(cyd.texts(conversation, cydsPage)).containsExactly("with Cyd");
        assertThat(beforeCyd).isNotNull();

        cyd.send(HttpMethod.PATCH, base, Map.of("alias", "Three")).expectStatus().isNoContent();
        ada.awaitConversation(conversation, c -> assertThat(c.get("alias").asText()).isEqualTo("Three"));
        ada.send(HttpMethod.PATCH, base, java.util.Collections.singletonMap("alias", null)).expectStatus().isNoContent();
        ada.awaitConversation(conversation, c -> assertThat(c.get("alias").isNull()).isTrue());

        cyd.post(base + "/leave", null).expectStatus().isNoContent();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                expectProblem(cyd.get(base), 404, "not_found"));
        expectProblem(cyd.post(base + "/messages", Map.of("clientMessageId", "gone",
                "encryptedMessages", Map.of(cyd.id(), "x"))), 404, "not_found");
        ada.awaitConversation(conversation, c -> assertThat(c.get("members")).hasSize(2));

        bob.post(base + "/leave", null).expectStatus().isNoContent();
        ada.post(base + "/leave", null).expectStatus().isNoContent();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            expectProblem(ada.get(base), 404, "not_found");
            assertThat(ada.json(ada.get("/api/conversations").expectStatus().isOk()).findValuesAsText("conversationId"))
                    .doesNotContain(conversation.toString());
        });
        // closed for good: not even a former member can bring it back
        expectProblem(ada.post(base + "/members", Map.of("userIds", List.of(bob.id()))), 404, "not_found");
    }

    @Test
    void read_markers_are_shared_and_unread_counts_follow_them() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        ada.postTextOk(conversation, "one");
        ada.postTextOk(conversation, "two");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode summary = summaryOf(bob, conversation);
            assertThat(summary.get("unreadCount").asLong()).isEqualTo(2);
            assertThat(summary.get("lastMessageAt").isNull()).isFalse();
            assertThat(summaryOf(ada, conversation).get("unreadCount").asLong()).isZero(); // own messages
        });
        bob.post("/api/conversations/" + conversation + "/read", null).expectStatus().isNoContent();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(summaryOf(bob, conversation).get("unreadCount").asLong()).isZero();
            JsonNode seenByAda = ada.json(ada.get("/api/conversations/" + conversation).expectStatus().isOk());
            assertThat(seenByAda.get("readTimes").has(bob.id().toString())).isTrue();
        });
    }

    static JsonNode summaryOf(ChatClient member, UUID conversation) {
        for (JsonNode summary : member.json(member.get("/api/conversations").expectStatus().isOk())) {
            if (summary.get("conversationId").asText().equals(conversation.toString())) {
                return summary;
            }
        }
        throw new AssertionError("conversation " + conversation + " not listed");
    }

    static JsonNode awaitHistory(ChatClient member, UUID conversation, int items) {
        JsonNode[] page = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            page[0] = member.history(conversation, "");
            assertThat(page[0].get("items")).hasSize(items);
        });
        return page[0];
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    private static Map<String, Object> keys() {
        ClientKeyPair pair = ClientKeyPair.generate();
        return Map.of("publicKey", pair.publicJwk(), "privateKey", pair.privateJwk());
    }
}
