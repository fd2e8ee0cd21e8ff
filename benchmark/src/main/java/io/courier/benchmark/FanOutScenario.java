package io.courier.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most message groups per second delivered while {@code users} users listen on their {@code user.{id}}
 * streams: two-member conversations (every user in one), {@code posters} clients posting as fast as they are
 * answered (closed loop), each group delivered to both members' streams.
 */
final class FanOutScenario implements Scenario {

    private final int users;
    private final int posters;

    FanOutScenario(int users, int posters) {
        this.users = users;
        this.posters = posters;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        CourierServer server = RealtimeScenarios.server;
        String label = String.format("delivered groups, %d listening users, %d posters", users, posters);
        if (server == null || server.tokens() == null) {
            return List.of(label + ": skipped (needs a server this harness starts)");
        }
        long setUpStart = System.nanoTime();
        List<ChatFixtures.User> everyone = ChatFixtures.registered(api, users, server.tokens());
        List<ChatFixtures.Conversation> conversations = ChatFixtures.parallel(users / 2,
                i -> ChatFixtures.group(api, everyone.get(2 * i), List.of(everyone.get(2 * i + 1))));
        Deliveries deliveries = new Deliveries();
        List<RealtimeConnection> connections = RealtimeScenarios.subscribe(server.baseUri(), everyone, deliveries);
        try {
            RealtimeScenarios.awaitLive(deliveries, () -> {
                KeepAliveConnection first = api.connection();
                conversations.forEach(c -> post(first, c));
                first.close();
            }, conversations.size());
            System.out.printf("  set up %d listening users in %.1f s%n", users, (System.nanoTime() - setUpStart) / 1e9);
            AtomicInteger next = new AtomicInteger();
            long measureFrom = System.nanoTime() + warmup.toNanos();
            deliveries.measure(measureFrom, measureFrom + duration.toNanos());
            ClosedLoop.Figures figures = ClosedLoop.run(posters, () -> {
                int client = next.getAndIncrement();
                List<ChatFixtures.Conversation> own = new ArrayList<>();
                for (int i = client; i < conversations.size(); i += posters) {
                    own.add(conversations.get(i));
                }
                int[] turn = {0};
                KeepAliveConnection connection = api.connection();
                return () -> post(connection, own.get(turn[0]++ % own.size()));
            }, warmup, duration);
            long last = -1;
            while (deliveries.delivered() != last) {
                last = deliveries.delivered();
                Thread.sleep(500);
            }
            double seconds = duration.toNanos() / 1e9;
            return List.of(figures.describe("post 2-member groups, " + posters + " clients, " + users + " listening"),
                    String.format("%-44s %8.0f groups/s delivered to listening receivers  delivery %s  (%d stream errors)",
                            label, deliveries.delivered() / seconds, Deliveries.describe(deliveries.histogram()),
                            deliveries.errors()));
        } finally {
            RealtimeScenarios.closeAll(connections);
        }
    }

    /** Stamped for the second member; the first member's copy is filler, so each group counts once. */
    private static boolean post(KeepAliveConnection api, ChatFixtures.Conversation conversation) {
        ChatFixtures.User receiver = conversation.members().get(1);
        return api.post("/api/conversations/" + conversation.id() + "/messages",
                RealtimeScenarios.stampedGroup(conversation, receiver.id(), System.nanoTime()),
                conversation.members().get(0).accessToken()).status() == 201;
    }
}
