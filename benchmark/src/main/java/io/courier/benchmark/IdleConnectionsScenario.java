package io.courier.benchmark;

import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code connections} idle clients, each signed in at SETUP and subscribed to its {@code user.{id}} stream over
 * WebSocket: what each costs the server in heap (after a full GC) and in resident memory. The users are signed
 * in with minted tokens (no account needed to listen to one's own stream). Needs a server this harness started
 * (its process and database).
 */
final class IdleConnectionsScenario implements Scenario {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final int OPENING_AT_ONCE = 200;

    private final int connections;

    IdleConnectionsScenario(int connections) {
        this.connections = connections;
    }

    @Override
    public List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception {
        CourierServer server = RealtimeScenarios.server;
        String label = String.format("%,d idle connections with a user stream", connections);
        Optional<ProcessHandle> jvm = server == null ? Optional.empty() : server.processHandle();
        if (jvm.isEmpty() || server.tokens() == null || server.jdbcUrl() == null) {
            return List.of(label + ": skipped (needs a server this harness starts)");
        }
        long pid = jvm.get().pid();
        long heapBefore = heapAfterGc(pid);
        long rssBefore = residentBytes(pid);
        long presenceBefore = presenceRows(server.jdbcUrl());

        AccessTokenMinter tokens = server.tokens();
        List<RealtimeConnection> open = Collections.synchronizedList(new ArrayList<>());
        AtomicLong streamErrors = new AtomicLong();
        long start = System.nanoTime();
        Flux.range(0, connections)
                .flatMap(i -> {
                    UUID user = UUID.randomUUID();
                    return RealtimeConnection.webSocket(server.baseUri(), tokens.mint(user, Duration.ofHours(2)))
                            .doOnNext(connection -> {
                                open.add(connection);
                                connection.stream("user." + user, Map.of())
                                        .subscribe(frame -> { }, failure -> {
                                            if (streamErrors.incrementAndGet() == 1) {
                                                System.out.println("  first stream error: " + failure);
                                            }
                                        });
                            });
                }, OPENING_AT_ONCE)
                .blockLast(Duration.ofMinutes(10));
        // every connection and stream counts as presence: the table shows when the server has them all
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (presenceRows(server.jdbcUrl()) - presenceBefore < connections && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        long present = presenceRows(server.jdbcUrl()) - presenceBefore;
        Thread.sleep(Math.max(1_000, duration.toMillis() / 3)); // idle a while: keepalives only
        long heapAfter = heapAfterGc(pid);
        long rssAfter = residentBytes(pid);
        long errorsWhileOpen = streamErrors.get(); // closing below ends every stream
        RealtimeScenarios.closeAll(open);
        return List.of(String.format("%-44s opened in %.1f s (%,d present); per connection: heap %.1f KiB, RSS %.1f KiB"
                        + "  (heap %,d -> %,d MiB, RSS %,d -> %,d MiB; %d stream errors)",
                label, openSeconds, present, (heapAfter - heapBefore) / 1024.0 / connections,
                (rssAfter - rssBefore) / 1024.0 / connections, heapBefore >> 20, heapAfter >> 20, rssBefore >> 20,
                rssAfter >> 20, errorsWhileOpen));
    }

    /** The server JVM's used heap right after a full collection, through jcmd. */
    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info said: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static long presenceRows(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM realtime_presence")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
