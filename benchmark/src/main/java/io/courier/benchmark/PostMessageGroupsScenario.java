package io.courier.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code clients} clients post 3-recipient message groups across {@code conversations} ready group conversations,
 * each client to the conversations it created, in turn (POST /api/conversations/{id}/messages): first flat out
 * (each client's next post as soon as the previous one is answered), then paced at {@value #PACED_PER_SECOND}/s,
 * where the latencies are those of a server running at that rate rather than queueing at its limit.
 */
final class PostMessageGroupsScenario implements Scenario {

    /** The target rate: its latency is measured at that rate as well as flat out. */
    static final int PACED_PER_SECOND = 2_000;
    static final Duration SETTLE = Duration.ofSeconds(10);

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
        String label = "post 3-recipient groups, " + clients + " clients, " + conversations + " convs";
        ClosedLoop.Figures flatOut = ClosedLoop.runMultiplexed(api.base(), clients, posting(api, made), 201, warmup,
                duration, 0);
        // the server is warm by now: a short settling time for the paced run
        ClosedLoop.Figures paced = ClosedLoop.runMultiplexed(api.base(), clients, posting(api, made), 201, SETTLE,
                duration, PACED_PER_SECOND);
        return List.of(flatOut.describe(label), paced.describe(label + ", " + PACED_PER_SECOND + "/s paced"));
    }

    private IntFunction<MultiplexedClients.Requests> posting(CourierApi api, List<ChatFixtures.Conversation> made) {
        return client -> {
            List<ChatFixtures.Conversation> own = new ArrayList<>();
            for (int i = client; i < made.size(); i += clients) {
                own.add(made.get(i));
            }
            int[] turn = {0};
            return () -> {
                ChatFixtures.Conversation conversation = own.get(turn[0]++ % own.size());
                return ChatFixtures.messageGroupPost(api.base(), conversation, conversation.members().get(0).accessToken());
            };
        };
    }
}
