package io.courier.benchmark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Users and ready conversations for the message scenarios, made through the REST API. Keys and ciphertexts are
 * random bytes of realistic sizes (an RSA-2048 JWK, a 256-byte RSA-OAEP ciphertext): the server never looks inside.
 */
final class ChatFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    record User(UUID id, String accessToken) {
    }

    record Conversation(UUID id, List<User> members) {
    }

    private ChatFixtures() {
    }

    static List<User> users(CourierApi api, int count) throws Exception {
        // four at a time: password hashing is bounded, and retried logins count against the per-account limit
        return parallel(4, count, i -> {
            String[] tokens = api.registerAndLogIn();
            CourierApi.Response me = CourierApi.expect(CourierApi.onceProjected(() -> api.get("/api/me", tokens[0])), 200, "me");
            return new User(UUID.fromString(me.body().get("userId").asText()), tokens[0]);
        });
    }

    /**
     * Fresh accounts signed in with tokens the harness mints ({@link AccessTokenMinter}): one password hash each
     * (registration) instead of two, for scenarios that need a thousand users.
     */
    static List<User> registered(CourierApi api, int count, AccessTokenMinter tokens) throws Exception {
        return parallel(4, count, i -> {
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            CourierApi.Response registered = CourierApi.expect(CourierApi.whenNotBusy(() -> api.post("/auth/register",
                    Map.of("email", email, "password", CourierApi.PASSWORD), null)), 201, "register");
            UUID id = UUID.fromString(registered.body().get("userId").asText());
            return new User(id, tokens.mint(id, java.time.Duration.ofHours(2)));
        });
    }

    /** A ready group conversation: the creator and the others, each with keys. */
    static Conversation group(CourierApi api, User creator, List<User> others) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userIds", others.stream().map(User::id).toList());
        body.putAll(keyPair());
        CourierApi.Response created = CourierApi.expect(api.post("/api/conversations/group", body, creator.accessToken()),
                201, "start group");
        UUID id = UUID.fromString(created.body().get("conversationId").asText());
        for (User other : others) {
            CourierApi.expect(api.put("/api/conversations/" + id + "/keys", keyPair(), other.accessToken()), 204, "set keys");
        }
        List<User> members = new ArrayList<>();
        members.add(creator);
        members.addAll(others);
        return new Conversation(id, members);
    }

    static Map<String, Object> keyPair() {
        Map<String, Object> publicKey = Map.of("kty", "RSA", "alg", "RSA-OAEP-256", "e", "AQAB", "n", random(256));
        Map<String, Object> privateKey = Map.of("kty", "RSA", "alg", "RSA-OAEP-256", "e", "AQAB", "n", random(256),
                "d", random(256), "p", random(128), "q", random(128), "dp", random(128), "dq", random(128), "qi", random(128));
        return Map.of("publicKey", publicKey, "privateKey", privateKey);
    }

    /** One RSA-OAEP-2048-sized ciphertext per member. */
    static Map<String, Object> messageGroup(Conversation conversation) {
        Map<String, String> ciphertexts = new LinkedHashMap<>();
        for (User member : conversation.members()) {
            ciphertexts.put(member.id().toString(), Base64.getEncoder().encodeToString(bytes(256)));
        }
        return Map.of("clientMessageId", UUID.randomUUID().toString(), "encryptedMessages", ciphertexts);
    }

    /**
     * {@link #messageGroup} as the JSON a load client sends, written directly: per post, Jackson's serialisation of
     * the map, three SecureRandom reads and a random UUID cost the load generator, which shares the machine with
     * the server under test, more than the rest of its work. The ciphertexts are still fresh random bytes (from a
     * fast generator: the server stores them without looking) and the client message id is unique.
     */
    static byte[] messageGroupJson(Conversation conversation) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder json = new StringBuilder(1_400).append("{\"clientMessageId\":\"")
                .append(Long.toHexString(random.nextLong())).append('-').append(Long.toHexString(random.nextLong()))
                .append("\",\"encryptedMessages\":{");
        byte[] ciphertext = new byte[256];
        for (int i = 0; i < conversation.members().size(); i++) {
            random.nextBytes(ciphertext);
            json.append(i == 0 ? "\"" : ",\"").append(conversation.members().get(i).id()).append("\":\"")
                    .append(Base64.getEncoder().encodeToString(ciphertext)).append('"');
        }
        return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A post of a fresh {@link #messageGroupJson} to the conversation, as it goes on the wire. */
    static byte[] messageGroupPost(URI server, Conversation conversation, String accessToken) {
        return KeepAliveConnection.request(server, "POST", "/api/conversations/" + conversation.id() + "/messages",
                messageGroupJson(conversation), accessToken);
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    static <T> List<T> parallel(int count, Task<T> task) throws Exception {
        return parallel(16, count, task);
    }

    static <T> List<T> parallel(int threads, int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String random(int bytes) {
        return B64URL.encodeToString(bytes(bytes));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
