package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * A signed-in chat user over real HTTP: its id, its access token and the key pairs it made per conversation.
 * Reads come from read models that trail writes by a moment, so the {@code await...} helpers poll.
 */
public final class ChatClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebTestClient http;
    private final UUID userId;
    private final String accessToken;
    private final Map<UUID, ClientKeyPair> keys = new HashMap<>();

    private ChatClient(WebTestClient http, UUID userId, String accessToken) {
        this.http = http;
        this.userId = userId;
        this.accessToken = accessToken;
    }

    public static ChatClient signUp(WebTestClient http, String displayName) {
        ApiClient api = new ApiClient(http);
        String email = ApiClient.uniqueEmail();
        UUID userId = UUID.fromString(api.post("/auth/register",
                        Map.of("email", email, "password", ApiClient.PASSWORD, "displayName", displayName))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("userId").asText());
        return new ChatClient(http, userId, api.login(email).accessToken());
    }

    /** The same user, signed in with the same token, talking to another server (a restarted one, another node). */
    public ChatClient on(WebTestClient otherServer) {
        ChatClient moved = new ChatClient(otherServer, userId, accessToken);
        moved.keys.putAll(keys);
        return moved;
    }

    /** A user already signed in, e.g. with a token a test minted itself. */
    public static ChatClient signedIn(WebTestClient http, UUID userId, String accessToken) {
        return new ChatClient(http, userId, accessToken);
    }

    public UUID id() {
        return userId;
    }

    public String accessToken() {
        return accessToken;
    }

    public ClientKeyPair keysFor(UUID conversationId) {
        return keys.get(conversationId);
    }

    public WebTestClient.ResponseSpec get(String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /** {@code GET} with {@code {name}} placeholders filled in and encoded, e.g. {@code /api/users?search={s}}. */
    public WebTestClient.ResponseSpec get(String pathTemplate, Object... values) {
        return http.get().uri(pathTemplate, values).headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    public WebTestClient.ResponseSpec send(HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path)
                .headers(h -> h.setBearerAuth(accessToken));
        if (body == null) {
            return request.exchange();
        }
        return body instanceof String raw
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(raw).exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec post(String path, Object body) {
        return send(HttpMethod.POST, path, body);
    }

    public JsonNode json(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Starts a group with fresh keys of its own; answers the conversation id. */
    public UUID startGroup(String alias, ChatClient... others) {
        ClientKeyPair pair = ClientKeyPair.generate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userIds", java.util.Arrays.stream(others).map(ChatClient::id).toList());
        body.put("alias", alias);
        body.put("publicKey", pair.publicJwk());
        body.put("privateKey", pair.privateJwk());
        UUID conversationId = UUID.fromString(json(post("/api/conversations/group", body).expectStatus().isCreated())
                .get("conversationId").asText());
        keys.put(conversationId, pair);
        return conversationId;
    }

    public WebTestClient.ResponseSpec startPrivate(ChatClient other, ClientKeyPair pair) {
        return post("/api/conversations/private",
                Map.of("otherUserId", other.id(), "publicKey", pair.publicJwk(), "privateKey", pair.privateJwk()));
    }

    public UUID startPrivateWith(ChatClient other) {
        ClientKeyPair pair = ClientKeyPair.generate();
        UUID conversationId = UUID.fromString(json(startPrivate(other, pair).expectStatus().is2xxSuccessful())
                .get("conversationId").asText());
        keys.putIfAbsent(conversationId, pair);
        return conversationId;
    }

    public void uploadKeys(UUID conversationId) {
        ClientKeyPair pair = ClientKeyPair.generate();
        send(HttpMethod.PUT, "/api/conversations/" + conversationId + "/keys",
                Map.of("publicKey", pair.publicJwk(), "privateKey", pair.privateJwk()))
                .expectStatus().isNoContent();
        keys.put(conversationId, pair);
    }

    /** Waits until the conversation, as this member reads it, satisfies {@code check}; answers it. */
    public JsonNode awaitConversation(UUID conversationId, Consumer<JsonNode> check) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode conversation = json(get("/api/conversations/" + conversationId).expectStatus().isOk());
            check.accept(conversation);
            last[0] = conversation;
        });
        return last[0];
    }

    public JsonNode awaitReady(UUID conversationId) {
        return awaitConversation(conversationId, c -> org.assertj.core.api.Assertions
                .assertThat(c.get("ready").asBoolean()).as("ready").isTrue());
    }

    /** Encrypts {@code text} to every member's public key as this member reads them, and posts the group. */
    public WebTestClient.ResponseSpec postText(UUID conversationId, String clientMessageId, String text) {
        JsonNode conversation = json(get("/api/conversations/" + conversationId).expectStatus().isOk());
        Map<String, String> ciphertexts = new LinkedHashMap<>();
        conversation.get("publicKeys").fields().forEachRemaining(entry -> ciphertexts.put(entry.getKey(),
                ClientKeyPair.encryptTo(JSON.convertValue(entry.getValue(), Map.class), text)));
        return post("/api/conversations/" + conversationId + "/messages",
                Map.of("clientMessageId", clientMessageId, "encryptedMessages", ciphertexts));
    }

    public UUID postTextOk(UUID conversationId, String text) {
        return UUID.fromString(json(postText(conversationId, UUID.randomUUID().toString(), text)
                .expectStatus().isCreated()).get("messageGroupId").asText());
    }

    /** This member's history page, newest first. */
    public JsonNode history(UUID conversationId, String query) {
        return json(get("/api/conversations/" + conversationId + "/messages" + query).expectStatus().isOk());
    }

    /** Decrypts an item's content with the private key the server hands back to this member. */
    public String decrypt(UUID conversationId, JsonNode item) {
        JsonNode conversation = json(get("/api/conversations/" + conversationId).expectStatus().isOk());
        return ClientKeyPair.decryptWith(JSON.convertValue(conversation.get("privateKey"), Map.class),
                item.get("content").asText());
    }

    public List<String> texts(UUID conversationId, JsonNode page) {
        List<String> texts = new java.util.ArrayList<>();
        page.get("items").forEach(item -> texts.add(item.get("deleted").asBoolean() ? null : decrypt(conversationId, item)));
        return texts;
    }
}
