package io.courier.gateway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.realtime.transport.TcpRSocketServer;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.Chats;
import io.courier.gateway.support.ConnectionPerRequest;
import io.courier.gateway.support.Frames;
import io.courier.gateway.support.RealtimeClient;
import io.courier.gateway.support.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway processes on one PostgreSQL, without Axon Server: what is done through one node reaches streams on
 * the other, presence is the same on both, and a cursor from one resumes on the other. Node B serves RSocket over
 * TCP too (its clients here use TCP), and keeps a window of only 8 events, so resuming there reads the store.
 */
class RealtimeTwoNodesTest {

    @TempDir
    static Path dataDirectory;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static WebTestClient httpA;
    static WebTestClient httpB;

    @BeforeAll
    static void startTwoNodes() {
        String sharedVaultKey = StandaloneServer.sharedVaultKey();
        String[] presence = {"--courier.realtime.heartbeat=500ms", "--courier.realtime.node-timeout=2s"};
        nodeA = StandaloneServer.start(args(presence, "--server.port=0", sharedVaultKey,
                "--courier.embedded-database.directory=" + dataDirectory.resolve("postgres")));
        nodeB = StandaloneServer.start(args(presence, "--server.port=0", sharedVaultKey,
                "--courier.realtime.tcp-port=0", "--courier.realtime.window-events=8", StandaloneServer.sameDatabaseAs(nodeA)));
        httpA = ConnectionPerRequest.client("http://localhost:" + port(nodeA)).build();
        httpB = ConnectionPerRequest.client("http://localhost:" + port(nodeB)).build();
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
    void a_subscriber_on_one_node_receives_what_is_posted_through_the_other() {
        ChatClient ada = ChatClient.signUp(httpA, "Ada");
        ChatClient bob = ChatClient.signUp(httpB, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient bobOnB = RealtimeClient.tcp(tcpPort(nodeB), bob.accessToken());
             Frames frames = Frames.all(bobOnB.stream("user." + bob.id())).live(onA(bob))) {
            long started = System.nanoTime();
            UUID posted = Chats.post(ada, conversation, List.of(ada, bob), "across");
            JsonNode message = frames.await(frame -> frame.get("event").asText().equals("new_message")
                    && frame.get("payload").get("messageGroupId").asText().equals(posted.toString()));
            assertThat(message.get("payload").get("content").asText()).isEqualTo(Chats.copyFor("across", bob));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_cursor_from_one_node_resumes_on_the_other_reading_the_store() {
        ChatClient ada = ChatClient.signUp(httpA, "Ada");
        ChatClient bob = ChatClient.signUp(httpA, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        String cursor;
        try (RealtimeClient bobOnA = RealtimeClient.webSocket(port(nodeA), bob.accessToken());
             Frames frames = Frames.all(bobOnA.stream("user." + bob.id())).live(bob)) {
            UUID seen = Chats.post(ada, conversation, List.of(ada, bob), "seen");
            cursor = frames.await(frame -> frame.get("payload").path("messageGroupId").asText().equals(seen.toString()))
                    .get("cursor").asText();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // more than node B's window holds
            missed.add(Chats.post(ada, conversation, List.of(ada, bob), "missed " + i).toString());
        }
        try (RealtimeClient bobOnB = RealtimeClient.tcp(tcpPort(nodeB), bob.accessToken());
             Frames frames = Frames.all(bobOnB.stream("user." + bob.id(), Map.of("after", cursor), null))) {
            List<String> received = frames.await("new_message", 20).stream()
                    .map(frame -> frame.get("payload").get("messageGroupId").asText()).toList();
            assertThat(received).containsExactlyElementsOf(missed);
            UUID live = Chats.post(ada, conversation, List.of(ada, bob), "live");
            frames.await(frame -> frame.get("payload").path("messageGroupId").asText().equals(live.toString()));
            assertThat(frames.of("new_message")).hasSize(21);
        }
    }

    @Test
    void presence_is_the_same_on_both_nodes() {
        ChatClient ada = ChatClient.signUp(httpA, "Ada");
        ChatClient bob = ChatClient.signUp(httpA, "Bob");
        try (RealtimeClient adaOnA = RealtimeClient.webSocket(port(nodeA), ada.accessToken());
             Frames adaSees = Frames.all(adaOnA.stream("system.general"))) {
            adaSees.await("presence_state");
            RealtimeClient bobOnB = RealtimeClient.tcp(tcpPort(nodeB), bob.accessToken());
            Frames bobSees = Frames.all(bobOnB.stream("system.general"));
            adaSees.await(diff("joins", bob.id()));
            List<String> online = bobSees.await("presence_state").get("payload").get("users").findValuesAsText("userId");
            assertThat(online).contains(bob.id().toString());
            if (!online.contains(ada.id().toString())) {
                // node B may hear of Ada's connection on node A a moment after Bob's stream started: then as a join
                bobSees.await(diff("joins", ada.id()));
            }

            bobSees.close();
            bobOnB.close();
            adaSees.await(diff("leaves", bob.id()));
        }
    }

    @Test
    void users_of_a_node_that_stopped_beating_drop_out_of_presence() {
        ChatClient ada = ChatClient.signUp(httpA, "Ada");
        UUID ghost = UUID.randomUUID();
        UUID crashedNode = UUID.randomUUID();
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        try (RealtimeClient adaOnA = RealtimeClient.webSocket(port(nodeA), ada.accessToken());
             Frames adaSees = Frames.all(adaOnA.stream("system.general"))) {
            adaSees.await("presence_state");
            // a node that wrote its rows and then crashed, sending no notice: the table alone tells
            jdbc.update("INSERT INTO realtime_node (node_id, heartbeat_at) VALUES (?, now())", crashedNode);
            jdbc.update("INSERT INTO realtime_presence (node_id, user_id) VALUES (?, ?)", crashedNode, ghost);
            adaSees.await(diff("joins", ghost));
            adaSees.await(diff("leaves", ghost)); // its heartbeat is older than the node timeout (2 s) by then
        } finally {
            jdbc.update("DELETE FROM realtime_node WHERE node_id = ?", crashedNode);
        }
    }

    @Test
    void typing_and_sign_out_reach_the_other_node() {
        ChatClient ada = ChatClient.signUp(httpA, "Ada");
        ChatClient bob = ChatClient.signUp(httpA, "Bob");
        UUID conversation = Chats.readyGroup(ada, bob);
        try (RealtimeClient adaOnA = RealtimeClient.webSocket(port(nodeA), ada.accessToken());
             RealtimeClient bobOnB = RealtimeClient.tcp(tcpPort(nodeB), bob.accessToken());
             Frames bobSees = Frames.all(bobOnB.stream("conversation." + conversation))) {
            bobSees.await("joined");
            adaOnA.fireAndForget("conversation." + conversation + ".start_typing", null).block(Duration.ofSeconds(5));
            assertThat(bobSees.await("start_typing").get("payload").get("userId").asText()).isEqualTo(ada.id().toString());

            bob.post("/api/signout_all", null).expectStatus().isNoContent();
            assertThat(bobSees.awaitError().get("code").asText()).isEqualTo("session_revoked");
        }
    }

    private static ChatClient onA(ChatClient user) {
        return ChatClient.signedIn(httpA, user.id(), user.accessToken());
    }

    private static Predicate<JsonNode> diff(String side, UUID userId) {
        return frame -> frame.get("event").asText().equals("presence_diff")
                && frame.get("payload").get(side).findValuesAsText("userId").contains(userId.toString());
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static int tcpPort(ConfigurableApplicationContext node) {
        return node.getBean(TcpRSocketServer.class).port();
    }

    private static String[] args(String[] common, String... more) {
        List<String> all = new ArrayList<>(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
