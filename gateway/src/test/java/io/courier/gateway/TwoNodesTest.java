package io.courier.gateway;

import io.courier.gateway.database.DatabaseUrl;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * keeps users in its aggregate cache; neither may decide on a user the other has changed since.
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
        // nodes share the vault key, as production requires: each opens what the other sealed
        byte[] vaultKey = new byte[32];
        new SecureRandom().nextBytes(vaultKey);
        String sharedVaultKey = "--courier.vault-key=" + Base64.getEncoder().encodeToString(vaultKey);
        nodeA = StandaloneServer.start("--server.port=0", "--courier.embedded-database.directory=" + dataDirectory.resolve("postgres"),
                "--courier.refresh-reuse-grace=0", sharedVaultKey);
        DatabaseUrl database = nodeA.getBean(DatabaseUrl.class);
        nodeB = StandaloneServer.start("--server.port=0", "--courier.refresh-reuse-grace=0", sharedVaultKey,
                "--courier.database-url=postgres://" + database.username() + "@" + database.host() + ":" + database.port()
                        + "/" + database.database());
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
}
