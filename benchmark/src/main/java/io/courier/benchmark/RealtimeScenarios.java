package io.courier.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** What the real-time scenarios share: the server under test, and subscribing many receivers at once. */
final class RealtimeScenarios {

    static volatile CourierServer server;

    private RealtimeScenarios() {
    }

    /** Subscribes each user to its own stream on {@code node}; frames go to {@code deliveries}. */
    static List<RealtimeConnection> subscribe(URI node, List<ChatFixtures.User> users, Deliveries deliveries)
            throws InterruptedException {
        List<RealtimeConnection> connections = new ArrayList<>();
        for (ChatFixtures.User user : users) {
            RealtimeConnection connection = RealtimeConnection.webSocket(node, user.accessToken()).block(Duration.ofSeconds(30));
            connection.stream("user." + user.id(), Map.of())
                    .subscribe(deliveries::received, failure -> deliveries.failed());
            connections.add(connection);
        }
        return connections;
    }

    /** Waits until every stream got a frame from a marker post, so none misses the start of the measurement. */
    static void awaitLive(Deliveries deliveries, Runnable marker, int expected) throws InterruptedException {
        long before = deliveries.delivered();
        deliveries.measure(0, Long.MAX_VALUE);
        marker.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (deliveries.delivered() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (deliveries.delivered() < expected) {
            throw new IllegalStateException("only " + deliveries.delivered() + " of " + expected + " streams got the marker"
                    + " (" + before + " before)");
        }
    }

    /** The receiver's copy carries the intended send time; the others a ciphertext-sized filler. */
    static Map<String, Object> stampedGroup(ChatFixtures.Conversation conversation, UUID receiver, long intendedNanos) {
        Map<String, String> copies = new LinkedHashMap<>();
        for (ChatFixtures.User member : conversation.members()) {
            copies.put(member.id().toString(), member.id().equals(receiver) ? Deliveries.stamp(intendedNanos)
                    : "x".repeat(344));
        }
        return Map.of("clientMessageId", UUID.randomUUID().toString(), "encryptedMessages", copies);
    }

    static void closeAll(List<RealtimeConnection> connections) {
        connections.forEach(RealtimeConnection::close);
    }
}
