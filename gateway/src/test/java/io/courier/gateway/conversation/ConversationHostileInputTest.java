package io.courier.gateway.conversation;

import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.RawHttp;
import io.courier.gateway.support.StoredWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on every conversation route: a 4xx problem with a stable code, and nothing stored changes. */
@CourierIntegrationTest
class ConversationHostileInputTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    ChatClient ada;
    ChatClient bob;
    UUID conversation;
    String base;

    @BeforeEach
    void readyConversation() {
        ada = ChatClient.signUp(http, "Ada");
        bob = ChatClient.signUp(http, "Bob");
        conversation = ada.startGroup("Hostile", bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        base = "/api/conversations/" + conversation;
    }

    @Test
    void malformed_and_mistyped_bodies_are_refused_and_store_nothing() {
        StoredWrites before = StoredWrites.count(jdbc);
        String keys = "\"publicKey\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"},\"privateKey\":{\"kty\":\"RSA\"}";

        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":\"everyone\"," + keys + "}"), 400, "bad_request");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[\"not-a-uuid\"]," + keys + "}"), 400, "bad_request");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[]}"), 422, "invalid_request");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[],\"alias\":7," + keys + "}"), 400, "bad_request");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[],\"publicKey\":\"pem?\",\"privateKey\":{}}"),
                422, "invalid_keys");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[],\"publicKey\":{\"kty\":\"RSA\"},\"privateKey\":[1]}"),
                422, "invalid_keys");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[],\"alias\":\"bad\\u0000alias\"," + keys + "}"),
                422, "invalid_alias");
        expectProblem(ada.post("/api/conversations/group", "{\"userIds\":[\"" + UUID.randomUUID() + "\"]," + keys + "}"),
                422, "unknown_users");
        expectProblem(ada.post("/api/conversations/private", "{\"otherUserId\":12," + keys + "}"), 400, "bad_request");
        expectProblem(ada.post("/api/conversations/private", "{" + keys + "}"), 422, "invalid_request");
        expectProblem(ada.send(HttpMethod.PUT, base + "/keys", "{\"publicKey\":{\"kty\":\"RSA\"}}"), 422, "invalid_request");
        expectProblem(ada.send(HttpMethod.PUT, base + "/keys", "{\"publicKey\":{\"kty\":\"RSA\",\"n\":\""
                + "A".repeat(20_000) + "\"},\"privateKey\":\"wrapped\"}"), 422, "invalid_keys");
        expectProblem(ada.post(base + "/members", "{\"userIds\":[]}"), 422, "invalid_request");
        expectProblem(ada.post(base + "/members", "{\"userIds\":[\"" + UUID.randomUUID() + "\"]}"), 422, "unknown_users");
        expectProblem(ada.send(HttpMethod.PATCH, base, "{}"), 422, "invalid_request");
        expectProblem(ada.send(HttpMethod.PATCH, base, "{\"alias\":[\"x\"]}"), 422, "invalid_alias");
        expectProblem(ada.send(HttpMethod.PATCH, base, "{\"alias\":\"" + "x".repeat(101) + "\"}"), 422, "invalid_alias");
        expectProblem(ada.send(HttpMethod.PATCH, base, "{\"alias\":\"\\u202Egnp.exe\"}"), 422, "invalid_alias");
        expectProblem(ada.get("/api/conversations/" + "x".repeat(40)), 400, "bad_request");
        expectProblem(ada.post(base + "/messages", "{\"clientMessageId\":\"m\",\"encryptedMessages\":[\"x\"]}"),
                400, "bad_request");
        expectProblem(ada.post(base + "/messages", "{\"clientMessageId\":\"m\",\"encryptedMessages\":{\"not-a-uuid\":\"x\"}}"),
                400, "bad_request");
        expectProblem(ada.post(base + "/messages", "{\"clientMessageId\":\"m\",\"encryptedMessages\":{\""
                + ada.id() + "\":7,\"" + bob.id() + "\":\"x\"}}"), 400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    @Test
    void bad_message_groups_are_refused_and_store_nothing() throws Exception {
        StoredWrites before = StoredWrites.count(jdbc);

        expectProblem(post(Map.of(ada.id().toString(), "x", bob.id().toString(), "")), 422, "invalid_message");
        expectProblem(post(Map.of(ada.id().toString(), "x", bob.id().toString(), "a".repeat(65_537))), 422, "invalid_message");
        expectProblem(postWithId("bad id with spaces", Map.of(ada.id().toString(), "x", bob.id().toString(), "y")),
                422, "invalid_request");
        expectProblem(postWithId("nul\u0000id", Map.of(ada.id().toString(), "x", bob.id().toString(), "y")),
                422, "invalid_request");
        expectProblem(postWithId("", Map.of(ada.id().toString(), "x", bob.id().toString(), "y")), 422, "invalid_request");
        // ten thousand recipients: refused before anyone is looked up
        Map<String, String> crowd = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            crowd.put(UUID.randomUUID().toString(), "x");
        }
        expectProblem(post(crowd), 422, "invalid_request");
        // a few over the member list: named
        Map<String, String> extra = new LinkedHashMap<>(Map.of(ada.id().toString(), "x", bob.id().toString(), "y"));
        extra.put(UUID.randomUUID().toString(), "z");
        expectProblem(post(extra), 422, "recipients_mismatch");
        // bodies beyond any limit are refused by their declared length, before a byte of them is read
        RawHttp.Response tooLarge = new RawHttp(port).send("POST " + base + "/messages HTTP/1.1\r\n"
                + "Authorization: Bearer " + ada.accessToken() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + 6 * 1024 * 1024 + "\r\n");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asText()).isEqualTo("payload_too_large");
        expectProblem(ada.post("/api/conversations/group", "{\"alias\":\"" + "a".repeat(100_000) + "\"}"),
                413, "payload_too_large");
        // edits of unknown groups, and ids that aren't ids
        expectProblem(ada.send(HttpMethod.PUT, base + "/messages/" + UUID.randomUUID(),
                Map.of("encryptedMessages", Map.of(ada.id().toString(), "x"))), 404, "not_found");
        expectProblem(ada.send(HttpMethod.DELETE, base + "/messages/nope", null), 400, "bad_request");

        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
        // and the conversation still works
        ada.postTextOk(conversation, "still fine");
    }

    @Test
    void a_post_without_ciphertexts_for_every_member_is_refused_even_when_the_count_matches() {
        ChatClient eve = ChatClient.signUp(http, "Eve");
        StoredWrites before = StoredWrites.count(jdbc);
        // the replaced system compared counts only: two ciphertexts for two members passed, one of them for Eve
        expectProblem(post(Map.of(ada.id().toString(), "x", eve.id().toString(), "y")), 422, "recipients_mismatch");
        assertThat(StoredWrites.count(jdbc)).isEqualTo(before);
    }

    private WebTestClient.ResponseSpec post(Map<String, String> ciphertexts) {
        return postWithId(UUID.randomUUID().toString(), ciphertexts);
    }

    private WebTestClient.ResponseSpec postWithId(String clientMessageId, Map<String, String> ciphertexts) {
        return ada.post(base + "/messages", Map.of("clientMessageId", clientMessageId, "encryptedMessages", ciphertexts));
    }
}
