package io.courier.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.ClientKeyPair;
import io.courier.gateway.support.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Courier processes on one PostgreSQL, the documented way to scale out without Axon Server. Each
 * keeps users and conversations in its aggregate cache and decides on them without reading the event store
 * first; neither may answer from an aggregate the other has changed since.
 * Reuse grace is 0, so that any second use of a token is visible as theft.
 */
class TwoNodesTest {

    @TempDir
    static Path dataDirectory;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static ApiClient a;
    static ApiClient b;

    @BeforeAll
    static void startTwoNodes() {
        String sharedVaultKey = StandaloneServer.sharedVaultKey();
        nodeA = StandaloneServer.start("--server.port=0", "--courier.embedded-database.directory=" + dataDirectory.resolve("postgres"),
                "--courier.refresh-reuse-grace=0", sharedVaultKey);
        nodeB = StandaloneServer.start("--server.port=0", "--courier.refresh-reuse-grace=0", sharedVaultKey,
                StandaloneServer.sameDatabaseAs(nodeA));
        a = StandaloneServer.client(nodeA);
        b = StandaloneServer.client(nodeB);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void a_node_with_a_cached_user_sees_the_rotation_made_on_the_other_node() {
        String email = uniqueEmail();
        a.register(email);
        Tokens first = a.login(email);                          // A caches the user
        Tokens second = b.refreshOk(first.refreshToken());      // B changes it behind A's back

        Tokens third = a.refreshOk(second.refreshToken());      // A must know the token B issued

        b.refreshOk(third.refreshToken());
    }

    @Test
    void reuse_of_a_token_rotated_on_the_other_node_is_detected() {
        String email = uniqueEmail();
        a.register(email);
        Tokens first = a.login(email);
        Tokens second = a.refreshOk(first.refreshToken());      // A caches: second is active
        Tokens third = b.refreshOk(second.refreshToken());      // B rotates second away

        // a stale A would rotate "second" again and hand out a second live token
        expectProblem(a.refresh(second.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(b.refresh(third.refreshToken()), 401, "invalid_refresh_token");
    }

    @Test
    void when_both_nodes_rotate_one_token_at_the_same_moment_exactly_one_wins() throws Exception {
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String email = uniqueEmail();
                UUID userId = a.register(email);
                Tokens token = a.login(email);
                b.login(email);                                     // both nodes now hold the user
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (ApiClient node : List.of(a, b)) {
                    statuses.add(clients.submit(() -> {
                        start.await();
                        return node.refresh(token.refreshToken()).returnResult(String.class).getStatus().value();
                    }));
                }
                start.countDown();

                assertThat(List.of(statuses.get(0).get(), statuses.get(1).get())).containsExactlyInAnyOrder(200, 401);
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype = 'account.RefreshTokenRotated'""",
                        Integer.class, userId.toString())).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void a_token_the_other_node_issued_is_rotated_by_a_node_whose_cache_does_not_know_it() {
        String email = uniqueEmail();
        UUID userId = a.register(email);
        Tokens first = a.login(email);                          // A caches the user
        Tokens second = b.refreshOk(first.refreshToken());

        // A's cached user would reject "second" as unknown: that stale rejection must not be the answer
        Tokens third = a.refreshOk(second.refreshToken());

        b.refreshOk(third.refreshToken());
        assertThat(tokenEvents(userId)).containsExactly("account.RefreshTokenIssued", "account.RefreshTokenRotated",
                "account.RefreshTokenRotated", "account.RefreshTokenRotated");
    }

    @Test
    void a_token_the_other_node_rotated_away_is_reuse_on_a_node_with_a_stale_cache_as_on_a_fresh_one() {
        List<List<String>> outcomes = new ArrayList<>();
        for (ApiClient reusedOn : List.of(b, a)) {              // B knows the rotation; A's cache does not
            String email = uniqueEmail();
            UUID userId = a.register(email);
            Tokens first = a.login(email);                      // A caches: first is active
            Tokens second = b.refreshOk(first.refreshToken());

            // a stale A would rotate "first" again and hand out a second live token
            expectProblem(reusedOn.refresh(first.refreshToken()), 401, "invalid_refresh_token");

            expectProblem(a.refresh(second.refreshToken()), 401, "invalid_refresh_token");
            outcomes.add(tokenEvents(userId));
        }
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0)).containsExactly("account.RefreshTokenIssued",
                "account.RefreshTokenRotated", "account.RefreshTokenReuseDetected", "account.RefreshTokenFamilyRevoked");
    }

    @Test
    void a_node_with_a_stale_cache_signs_out_a_session_the_other_node_opened() {
        String email = uniqueEmail();
        a.register(email);
        Tokens onA = a.login(email);                            // A caches the user
        Tokens onB = b.login(email);                            // a session A's cache does not know

        a.send(HttpMethod.POST, "/api/signout", onA.accessToken(), Map.of("refreshToken", onB.refreshToken()))
                .expectStatus().isNoContent();

        expectProblem(b.refresh(onB.refreshToken()), 401, "invalid_refresh_token");
        a.refreshOk(onA.refreshToken());
    }

    @Test
    void a_node_with_a_stale_cache_checks_the_password_the_other_node_set() {
        String email = uniqueEmail();
        a.register(email);
        Tokens session = a.login(email);                        // A caches the user
        changePassword(b, session, ApiClient.PASSWORD, "second passphrase of this test");

        // the stale user would refuse the new password (a rejection) ...
        a.login(email, "second passphrase of this test");
        changePassword(b, b.login(email, "second passphrase of this test"), "second passphrase of this test",
                "third passphrase of this test");
        // ... and accept the old one (a new session, whose append must then lose)
        expectProblem(a.post("/auth/login", Map.of("email", email, "password", "second passphrase of this test")),
                401, "invalid_credentials");
        a.login(email, "third passphrase of this test");
    }

    @Test
    void a_member_added_on_the_other_node_is_a_member_on_a_node_with_a_stale_cache() {
        ChatClient ada = ChatClient.signUp(a.http(), "Ada");
        ChatClient bob = ChatClient.signUp(a.http(), "Bob");
        ChatClient cyd = ChatClient.signUp(a.http(), "Cyd");
        UUID conversation = ada.startGroup("two nodes", bob);  // A caches the conversation
        ada.on(b.http()).post("/api/conversations/" + conversation + "/members", Map.of("userIds", List.of(cyd.id())))
                .expectStatus().isNoContent();

        // A's cached conversation would answer Cyd with 404 (not a member)
        cyd.uploadKeys(conversation);
        cyd.post("/api/conversations/" + conversation + "/read", null).expectStatus().isNoContent();
    }

    @Test
    void a_post_through_a_node_whose_roster_missed_a_new_member_must_include_them_and_may() {
        ChatClient ada = ChatClient.signUp(a.http(), "Ada");
        ChatClient bob = ChatClient.signUp(a.http(), "Bob");
        ChatClient cyd = ChatClient.signUp(a.http(), "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob);
        Chats.post(ada, conversation, List.of(ada, bob), "A caches the roster");
        ada.on(b.http()).post("/api/conversations/" + conversation + "/members", Map.of("userIds", List.of(cyd.id())))
                .expectStatus().isNoContent();
        cyd.on(b.http()).uploadKeys(conversation);

        // A's cached roster would take this post, which leaves Cyd out: that stale decision must not be stored
        ada.post("/api/conversations/" + conversation + "/messages", Map.of("clientMessageId", "without-cyd",
                        "encryptedMessages", Map.of(ada.id().toString(), "for ada", bob.id().toString(), "for bob")))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("recipients_mismatch");
        // ...and would refuse this one, which includes Cyd: that stale refusal must not be given
        Chats.post(ada, conversation, List.of(ada, bob, cyd), "with Cyd");
    }

    @Test
    void a_member_who_left_through_the_other_node_cannot_post_through_a_node_whose_roster_still_has_them() {
        ChatClient ada = ChatClient.signUp(a.http(), "Ada");
        ChatClient bob = ChatClient.signUp(a.http(), "Bob");
        ChatClient cyd = ChatClient.signUp(a.http(), "Cyd");
        UUID conversation = Chats.readyGroup(ada, bob, cyd);
        Chats.post(bob, conversation, List.of(ada, bob, cyd), "A caches the roster");
        bob.on(b.http()).post("/api/conversations/" + conversation + "/leave", null).expectStatus().isNoContent();

        bob.post("/api/conversations/" + conversation + "/messages", Map.of("clientMessageId", "after-leaving",
                        "encryptedMessages", Map.of(ada.id().toString(), "a", bob.id().toString(), "b",
                                cyd.id().toString(), "c")))
                .expectStatus().isNotFound();
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = 'message.MessageGroupPosted'"
                + " AND convert_from(payload, 'UTF8') LIKE '%after-leaving%'", Integer.class)).isZero();
    }

    @Test
    void keys_set_on_the_other_node_are_not_replaced_by_a_node_with_a_stale_cache() {
        ChatClient ada = ChatClient.signUp(a.http(), "Ada");
        ChatClient bob = ChatClient.signUp(a.http(), "Bob");
        UUID conversation = ada.startPrivateWith(bob);          // A caches it: Bob has no keys yet
        bob.on(b.http()).startPrivate(ada, ClientKeyPair.generate()).expectStatus().isOk();   // B sets Bob's keys

        // A's cached conversation would set Bob's keys again; starting it again never replaces them
        bob.startPrivate(ada, ClientKeyPair.generate()).expectStatus().isOk();

        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'conversation.ConversationKeysSet'
                AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?""",
                Integer.class, conversation.toString(), bob.id().toString())).isEqualTo(1);
    }

    @Test
    void both_nodes_rotating_one_user_s_sessions_from_several_threads_lose_nothing() throws Exception {
        int sessions = 4;
        int rotations = 16;
        String email = uniqueEmail();
        UUID userId = a.register(email);
        List<String> firstTokens = new ArrayList<>();
        for (int session = 0; session < sessions; session++) {
            firstTokens.add((session % 2 == 0 ? a : b).login(email).refreshToken());
        }
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Integer>>> chains = new ArrayList<>();
            for (int session = 0; session < sessions; session++) {
                int offset = session;
                chains.add(clients.submit(() -> {
                    start.await();
                    String token = firstTokens.get(offset);
                    List<Integer> statuses = new ArrayList<>();
                    // each session alternates nodes: every rotation presents the token the other node issued
                    for (int rotation = 0; rotation < rotations; rotation++) {
                        EntityExchangeResult<JsonNode> result = ((offset + rotation) % 2 == 0 ? a : b)
                                .refresh(token).expectBody(JsonNode.class).returnResult();
                        statuses.add(result.getStatus().value());
                        if (result.getStatus().value() != 200) {
                            break;
                        }
                        token = result.getResponseBody().get("refreshToken").asText();
                    }
                    return statuses;
                }));
            }
            start.countDown();

            // a 401 would be a stale decision (or a lost rotation), a 500 a race lost more often than retried
            for (Future<List<Integer>> chain : chains) {
                assertThat(chain.get()).hasSize(rotations).containsOnly(200);
            }
            List<String> events = tokenEvents(userId);
            assertThat(events).filteredOn("account.RefreshTokenRotated"::equals).hasSize(sessions * rotations);
            assertThat(events).filteredOn("account.RefreshTokenIssued"::equals).hasSize(sessions);
            assertThat(events).hasSize(sessions * (rotations + 1));
            JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("""
                    SELECT max(sequencenumber) + 1 = count(*) FROM domainevententry WHERE aggregateidentifier = ?""",
                    Boolean.class, userId.toString())).isTrue();
        } finally {
            clients.shutdownNow();
        }
    }

    private static void changePassword(ApiClient node, Tokens session, String current, String next) {
        node.send(HttpMethod.PATCH, "/api/password", session.accessToken(),
                Map.of("currentPassword", current, "newPassword", next)).expectStatus().isNoContent();
    }

    /** The user's session events in order (what the sessions are, as the aggregate sees them). */
    private static List<String> tokenEvents(UUID userId) {
        return nodeA.getBean(JdbcTemplate.class).queryForList("""
                SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?
                AND payloadtype LIKE 'account.RefreshToken%' ORDER BY sequencenumber""", String.class, userId.toString());
    }
}
