package io.courier.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation that already holds {@code historySize} message groups: posting into it, and paging back through
 * it 50 at a time. The history is seeded straight into the event store as copies of one group posted through the
 * API (each with its own id and time), then projected by the server like any other events: through the API it
 * would take minutes per million. Needs the database: a server this harness started, or {@code --database-url}.
 */
final class LargeHistoryScenario implements Scenario {

    static volatile String jdbcUrl;

    private static final int SEED_CHUNK = 100_000;
    private static final int READERS = 16;
    /** Pages are also read at about half of what 16 readers get flat out, for their latency at a rate the server holds. */
    private static final int PACED_PAGES_PER_SECOND = 500;
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private final int clients;
    private final int historySize;

    LargeHistoryScenario(int clients, int historySize) {
        this.clients = clients;
        this.historySize = historySize;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        if (jdbcUrl == null) {
            return List.of("large history: skipped (needs --database-url with --url)");
        }
        List<ChatFixtures.User> users = ChatFixtures.users(api, 3);
        ChatFixtures.Conversation conversation = ChatFixtures.group(api, users.get(0), users.subList(1, 3));
        CourierApi.Response template = CourierApi.expect(api.post("/api/conversations/" + conversation.id() + "/messages",
                ChatFixtures.messageGroup(conversation), users.get(0).accessToken()), 201, "post template");
        String templateId = template.body().get("messageGroupId").asText();

        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            long seedStart = System.nanoTime();
            seed(db, templateId);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            long projectStart = System.nanoTime();
            awaitProjected(db, "messages", Duration.ofMinutes(30));
            double projectSeconds = (System.nanoTime() - projectStart) / 1e9;
            System.out.printf("  seeded %,d message groups in %.1f s; the server projected them (%,d rows) in %.1f s: %,.0f groups/s%n",
                    historySize, seedSeconds, historySize * 3L, projectSeconds, historySize / projectSeconds);
        }

        ClosedLoop.Figures posting = ClosedLoop.runMultiplexed(api.base(), clients, posting(api, users, conversation),
                201, warmup, duration, 0);
        ClosedLoop.Figures pacedPosting = ClosedLoop.runMultiplexed(api.base(), clients,
                posting(api, users, conversation), 201, PostMessageGroupsScenario.SETTLE, duration,
                PostMessageGroupsScenario.PACED_PER_SECOND);
        ClosedLoop.Figures paging = ClosedLoop.runMultiplexed(api.base(), READERS, paging(api, users, conversation),
                200, warmup, duration, 0);
        ClosedLoop.Figures pacedPaging = ClosedLoop.runMultiplexed(api.base(), READERS,
                paging(api, users, conversation), 200, PostMessageGroupsScenario.SETTLE, duration,
                PACED_PAGES_PER_SECOND);
        String size = String.format("%,d", historySize);
        String posts = "post into a conversation of " + size + ", " + clients + " clients";
        String pages = "history pages of " + HistoryPages.PAGE_SIZE + " of " + size + ", " + READERS + " readers";
        return List.of(posting.describe(posts),
                pacedPosting.describe(posts + ", " + PostMessageGroupsScenario.PACED_PER_SECOND + "/s paced"),
                paging.describe(pages), pacedPaging.describe(pages + ", " + PACED_PAGES_PER_SECOND + "/s paced"));
    }

    private static IntFunction<MultiplexedClients.Requests> posting(CourierApi api, List<ChatFixtures.User> users,
                                                                    ChatFixtures.Conversation conversation) {
        return client -> {
            ChatFixtures.User sender = users.get(client % users.size());
            return () -> ChatFixtures.messageGroupPost(api.base(), conversation, sender.accessToken());
        };
    }

    private static IntFunction<MultiplexedClients.Requests> paging(CourierApi api, List<ChatFixtures.User> users,
                                                                   ChatFixtures.Conversation conversation) {
        return reader -> new HistoryPages(api.base(), conversation, users.get(reader % users.size()).accessToken());
    }

    /** Copies the template event {@code historySize} times, each a new group sent a millisecond apart, in the past. */
    private void seed(Connection db, String templateId) throws SQLException {
        String insert = """
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                SELECT g.id::text, 0, t.type, gen_random_uuid()::text, t.metadata,
                       convert_to(jsonb_set(jsonb_set(jsonb_set(t.body, '{messageGroupId}', to_jsonb(g.id::text)),
                                  '{clientMessageId}', to_jsonb('seed-' || g.n)),
                                  '{sentAt}', CASE jsonb_typeof(t.body -> 'sentAt')
                                      WHEN 'number' THEN to_jsonb(extract(epoch FROM g.sent_at))
                                      ELSE to_jsonb(to_char(g.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                                  END)::text, 'UTF8'),
                       t.payloadrevision, t.payloadtype,
                       to_char(g.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                FROM (SELECT type, metadata, payloadrevision, payloadtype, convert_from(payload, 'UTF8')::jsonb AS body
                      FROM domainevententry WHERE aggregateidentifier = ?) t,
                     LATERAL (SELECT n, gen_random_uuid() AS id,
                                     now() - interval '30 days' + n * interval '1 millisecond' AS sent_at
                              FROM generate_series(?::bigint, ?::bigint) n) g""";
        for (long from = 1; from <= historySize; from += SEED_CHUNK) {
            try (PreparedStatement statement = db.prepareStatement(insert)) {
                statement.setString(1, templateId);
                statement.setLong(2, from);
                statement.setLong(3, Math.min(historySize, from + SEED_CHUNK - 1));
                statement.executeUpdate();
            }
        }
    }

    private static void awaitProjected(Connection db, String processor, Duration timeout) throws Exception {
        long target;
        try (ResultSet max = db.createStatement().executeQuery("SELECT max(globalindex) FROM domainevententry")) {
            max.next();
            target = max.getLong(1);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = ?")) {
                query.setString(1, processor);
                try (ResultSet tokens = query.executeQuery()) {
                    long lowest = Long.MAX_VALUE;
                    boolean any = false;
                    while (tokens.next()) {
                        any = true;
                        String token = tokens.getString(1);
                        Matcher index = token == null ? null : INDEX.matcher(token);
                        lowest = Math.min(lowest, index != null && index.find() ? Long.parseLong(index.group(1)) : -1);
                    }
                    if (any && lowest >= target) {
                        return;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The " + processor + " processor did not catch up within " + timeout);
    }
}
