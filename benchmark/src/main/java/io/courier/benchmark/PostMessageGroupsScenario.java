package io.courier.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients} clients post 3-recipient message groups across {@code conversations} ready group conversations,
 * each client to the conversations it created, in turn (POST /api/conversations/{id}/messages).
 */
final class PostMessageGroupsScenario implements Scenario {

    private final int clients;
    private final int conversations;

    PostMessageGroupsScenario(int clients, int conversations) {
        this.clients = clients;
        this.conversations = conversations;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        long setUpStart = System.nanoTime();
        List<ChatFixtures.User> users = ChatFixtures.users(api, clients);
        List<ChatFixtures.Conversation> made = ChatFixtures.parallel(conversations, i -> ChatFixtures.group(api,
                users.get(i % clients), List.of(users.get((i + 1) % clients), users.get((i + 2) % clients))));
        System.out.printf("  set up %d users and %d ready conversations in %.1f s%n", clients, conversations,
                (System.nanoTime() - setUpStart) / 1e9);
        AtomicInteger next = new AtomicInteger();
        ClosedLoop.Figures figures = ClosedLoop.run(clients, () -> {
            int client = next.getAndIncrement();
            List<ChatFixtures.Conversation> own = new ArrayList<>();
            for (int i = client; i < made.size(); i += clients) {
                own.add(made.get(i));
            }
            int[] turn = {0};
            KeepAliveConnection connection = api.connection();
            return () -> {
                ChatFixtures.Conversation conversation = own.get(turn[0]++ % own.size());
                return connection.post("/api/conversations/" + conversation.id() + "/messages",
                        ChatFixtures.messageGroup(conversation), conversation.members().get(0).accessToken()).status() == 201;
            };
        }, warmup, duration);
        return List.of(figures.describe("post 3-recipient groups, " + clients + " clients, " + conversations + " convs"));
    }
}
