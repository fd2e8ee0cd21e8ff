package io.courier.benchmark;

import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Post (REST) to delivery on another user's stream, at a fixed rate (open loop: a post is due every 1/rate s,
 * whether or not earlier ones were answered, and latency counts from when it was due). {@code pairs} two-member
 * conversations; the second member of each listens on its {@code user.{id}} stream over WebSocket. With
 * {@code crossNode}, the listeners are on a second server process on the same database, the posts go to the first.
 */
final class DeliveryLatencyScenario implements Scenario {

    private static final int POSTERS = 64;

    private final int pairs;
    private final int rate;
    private final boolean crossNode;

    DeliveryLatencyScenario(int pairs, int rate, boolean crossNode) {
        this.pairs = pairs;
        this.rate = rate;
        this.crossNode = crossNode;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        CourierServer server = RealtimeScenarios.server;
        String label = String.format("post->delivery %s, %d/s, %d pairs", crossNode ? "across nodes" : "one node", rate, pairs);
        if (server == null || server.tokens() == null) {
            return List.of(label + ": skipped (needs a server this harness starts)");
        }
        CourierServer receiverNode = crossNode ? server.secondNode() : server;
        try {
            long setUpStart = System.nanoTime();
            List<ChatFixtures.User> users = ChatFixtures.registered(api, pairs * 2, server.tokens());
            List<ChatFixtures.Conversation> conversations = ChatFixtures.parallel(pairs,
                    i -> ChatFixtures.group(api, users.get(2 * i), List.of(users.get(2 * i + 1))));
            List<ChatFixtures.User> receivers = conversations.stream().map(c -> c.members().get(1)).toList();
            Deliveries deliveries = new Deliveries();
            List<RealtimeConnection> connections = RealtimeScenarios.subscribe(receiverNode.baseUri(), receivers, deliveries);
            try {
                RealtimeScenarios.awaitLive(deliveries, () -> conversations.forEach(c -> post(api, c, System.nanoTime())), pairs);
                System.out.printf("  set up %d listening users in %.1f s%n", pairs, (System.nanoTime() - setUpStart) / 1e9);
                return List.of(openLoop(api, conversations, deliveries, warmup, duration, label));
            } finally {
                RealtimeScenarios.closeAll(connections);
            }
        } finally {
            if (crossNode) {
                receiverNode.close();
            }
        }
    }

    private String openLoop(CourierApi api, List<ChatFixtures.Conversation> conversations, Deliveries deliveries,
                            Duration warmup, Duration duration, String label) throws InterruptedException {
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
        Recorder postLatencies = new Recorder(3);
        AtomicLong posted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        deliveries.measure(measureFrom, end);
        for (long k = 0; ; k++) {
            long due = start + k * period;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ChatFixtures.Conversation conversation = conversations.get((int) (k % conversations.size()));
            posters.execute(() -> {
                boolean ok = post(api, conversation, due);
                if (due >= measureFrom) {
                    postLatencies.recordValue(Math.max(0, System.nanoTime() - due));
                    (ok ? posted : failed).incrementAndGet();
                }
            });
        }
        posters.shutdown();
        posters.awaitTermination(2, TimeUnit.MINUTES);
        // stragglers: wait until deliveries stop coming
        long last = -1;
        while (deliveries.delivered() != last) {
            last = deliveries.delivered();
            Thread.sleep(500);
        }
        double seconds = duration.toNanos() / 1e9;
        return String.format("%-44s posted %6.0f/s  delivered %6.0f/s  delivery %s  (post %s; %d posts failed, %d stream errors)",
                label, posted.get() / seconds, deliveries.delivered() / seconds, Deliveries.describe(deliveries.histogram()),
                Deliveries.describe(postLatencies.getIntervalHistogram()), failed.get(), deliveries.errors());
    }

    private static boolean post(CourierApi api, ChatFixtures.Conversation conversation, long due) {
        ChatFixtures.User sender = conversation.members().get(0);
        ChatFixtures.User receiver = conversation.members().get(1);
        try {
            return api.post("/api/conversations/" + conversation.id() + "/messages",
                    RealtimeScenarios.stampedGroup(conversation, receiver.id(), due), sender.accessToken()).status() == 201;
        } catch (RuntimeException failed) {
            return false;
        }
    }
}
