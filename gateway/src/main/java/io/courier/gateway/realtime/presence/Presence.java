package io.courier.gateway.realtime.presence;

import io.courier.gateway.realtime.RealtimeProperties;
import io.courier.gateway.realtime.cluster.ClusterSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Who is online, across every node on the database: a user with at least one live connection on any node. Each
 * node counts its own users' connections in memory, writes the users it has into {@code realtime_presence}
 * (with a heartbeat in {@code realtime_node}) and tells the other nodes of every change with a notification, so
 * they learn it at once. The table is the record: every heartbeat each node reconciles its view with it, which
 * catches missed notices and drops the users of a node whose heartbeat stopped (crashed).
 * <p>
 * All of the view is kept on one thread, which also writes the table and hands out the differences (who joined,
 * who left) to listeners in order.
 */
@Component
public class Presence implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final JdbcTemplate jdbc;
    private final ClusterSignals signals;
    private final Duration heartbeat;
    private final Duration nodeTimeout;
    private final UUID self;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "realtime-presence");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<UUID, AtomicInteger> localConnections = new ConcurrentHashMap<>();
    private final Set<UUID> changedLocally = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final List<Consumer<Diff>> listeners = new CopyOnWriteArrayList<>();

    // confined to the worker thread
    private final Map<UUID, Map<UUID, Long>> nodesByUser = new HashMap<>();
    private final Map<Entry, Long> removedAt = new HashMap<>();
    private volatile boolean running;

    Presence(JdbcTemplate jdbc, ClusterSignals signals, RealtimeProperties properties) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.heartbeat = properties.heartbeat();
        this.nodeTimeout = properties.nodeTimeout();
        this.self = signals.nodeId();
    }

    /** Users who came online and went offline, in the order it happened. */
    public record Diff(List<UUID> joins, List<UUID> leaves) {
    }

    private record Entry(UUID userId, UUID nodeId) {
    }

    /** Counts one live connection of {@code userId} on this node until the answer is disposed. */
    public Disposable hold(UUID userId) {
        if (localConnections.computeIfAbsent(userId, id -> new AtomicInteger()).getAndIncrement() == 0) {
            changed(userId);
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Disposable() {
            @Override
            public void dispose() {
                if (released.compareAndSet(false, true)) {
                    AtomicInteger count = localConnections.get(userId);
                    if (count != null && count.decrementAndGet() == 0) {
                        changed(userId);
                    }
                }
            }

            @Override
            public boolean isDisposed() {
                return released.get();
            }
        };
    }

    /** Users online on any node now. */
    public CompletableFuture<List<UUID>> online() {
        return CompletableFuture.supplyAsync(() -> List.copyOf(nodesByUser.keySet()), worker);
    }

    /** {@code listener} hears every change (on the presence thread; it must not block long) until disposed. */
    public Disposable listen(Consumer<Diff> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether the user is online anywhere; for tests. */
    public boolean isOnline(UUID userId) {
        return online().join().contains(userId);
    }

    // --- the worker

    private void changed(UUID userId) {
        changedLocally.add(userId);
        if (running && writeScheduled.compareAndSet(false, true)) {
            worker.execute(this::writeLocalChanges);
        }
    }

    private void writeLocalChanges() {
        writeScheduled.set(false);
        List<UUID> joins = new ArrayList<>();
        List<UUID> leaves = new ArrayList<>();
        for (UUID userId : List.copyOf(changedLocally)) {
            changedLocally.remove(userId);
            AtomicInteger count = localConnections.get(userId);
            boolean here = count != null && count.get() > 0;
            if (!here && count != null) {
                localConnections.remove(userId, count);
                if (count.get() > 0) {
                    localConnections.putIfAbsent(userId, count); // a connection came back meanwhile
                    here = true;
                }
            }
            try {
                if (here) {
                    jdbc.update("INSERT INTO realtime_presence (node_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            self, userId);
                    signals.send(ClusterSignals.PRESENCE, "j " + userId);
                    if (add(new Entry(userId, self), System.nanoTime())) {
                        joins.add(userId);
                    }
                } else {
                    jdbc.update("DELETE FROM realtime_presence WHERE node_id = ? AND user_id = ?", self, userId);
                    signals.send(ClusterSignals.PRESENCE, "l " + userId);
                    if (remove(new Entry(userId, self), System.nanoTime())) {
                        leaves.add(userId);
                    }
                }
            } catch (RuntimeException failure) {
                log.warn("Could not record presence of {}; the next heartbeat retries: {}", userId, failure.toString());
                changedLocally.add(userId);
            }
        }
        announce(joins, leaves);
    }

    private void heard(ClusterSignals.Notice notice) {
        worker.execute(() -> {
            long now = System.nanoTime();
            List<UUID> joins = new ArrayList<>();
            List<UUID> leaves = new ArrayList<>();
            if (notice.text().equals("gone")) {
                for (UUID userId : List.copyOf(nodesByUser.keySet())) {
                    if (remove(new Entry(userId, notice.from()), now)) {
                        leaves.add(userId);
                    }
                }
            } else if (notice.text().length() > 2) {
                UUID userId;
                try {
                    userId = UUID.fromString(notice.text().substring(2));
                } catch (IllegalArgumentException notOurs) {
                    return;
                }
                Entry entry = new Entry(userId, notice.from());
                if (notice.text().startsWith("j ") && add(entry, now)) {
                    joins.add(userId);
                } else if (notice.text().startsWith("l ") && remove(entry, now)) {
                    leaves.add(userId);
                }
            }
            announce(joins, leaves);
        });
    }

    /** The heartbeat: this node is alive; then the view is made to agree with the table. */
    private void beat() {
        try {
            jdbc.update("""
                    INSERT INTO realtime_node (node_id, heartbeat_at) VALUES (?, now())
                    ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()""", self);
            if (!changedLocally.isEmpty()) {
                writeLocalChanges();
            }
            reconcile();
        } catch (RuntimeException failure) {
            log.warn("Presence heartbeat failed; retrying at the next one: {}", failure.toString());
        }
    }

    private void reconcile() {
        long startedAt = System.nanoTime();
        Set<Entry> recorded = new HashSet<>();
        jdbc.query("""
                        SELECT p.user_id, p.node_id FROM realtime_presence p JOIN realtime_node n USING (node_id)
                        WHERE n.heartbeat_at > now() - make_interval(secs => ?) AND p.node_id <> ?""",
                row -> {
                    recorded.add(new Entry(row.getObject(1, UUID.class), row.getObject(2, UUID.class)));
                }, nodeTimeout.toMillis() / 1000.0, self);
        for (Map.Entry<UUID, AtomicInteger> local : localConnections.entrySet()) {
            if (local.getValue().get() > 0) {
                recorded.add(new Entry(local.getKey(), self));
            }
        }
        List<UUID> joins = new ArrayList<>();
        List<UUID> leaves = new ArrayList<>();
        for (Entry entry : recorded) {
            Long removed = removedAt.get(entry);
            // a leave heard after the table was read is newer than what the table says
            if ((removed == null || removed < startedAt) && add(entry, startedAt)) {
                joins.add(entry.userId());
            }
        }
        for (UUID userId : List.copyOf(nodesByUser.keySet())) {
            for (Map.Entry<UUID, Long> node : List.copyOf(nodesByUser.get(userId).entrySet())) {
                Entry entry = new Entry(userId, node.getKey());
                // a join heard after the table was read is newer than what the table says
                if (!recorded.contains(entry) && node.getValue() < startedAt && remove(entry, startedAt)) {
                    leaves.add(userId);
                }
            }
        }
        Integer others = jdbc.queryForObject("""
                        SELECT count(*) FROM realtime_node
                        WHERE heartbeat_at > now() - make_interval(secs => ?) AND node_id <> ?""",
                Integer.class, nodeTimeout.toMillis() / 1000.0, self);
        signals.peers(others == null ? 0 : others);
        removedAt.values().removeIf(at -> System.nanoTime() - at > nodeTimeout.toNanos() * 4);
        jdbc.update("DELETE FROM realtime_node WHERE heartbeat_at < now() - make_interval(secs => ?)",
                nodeTimeout.toMillis() * 3 / 1000.0);
        announce(joins, leaves);
    }

    /** True when the user was offline everywhere before. */
    private boolean add(Entry entry, long at) {
        removedAt.remove(entry);
        Map<UUID, Long> nodes = nodesByUser.computeIfAbsent(entry.userId(), id -> new HashMap<>());
        boolean wasOffline = nodes.isEmpty();
        nodes.put(entry.nodeId(), at);
        return wasOffline;
    }

    /** True when the user is now offline everywhere. */
    private boolean remove(Entry entry, long at) {
        removedAt.put(entry, at);
        Map<UUID, Long> nodes = nodesByUser.get(entry.userId());
        if (nodes == null || nodes.remove(entry.nodeId()) == null) {
            return false;
        }
        if (nodes.isEmpty()) {
            nodesByUser.remove(entry.userId());
            return true;
        }
        return false;
    }

    private void announce(List<UUID> joins, List<UUID> leaves) {
        if (joins.isEmpty() && leaves.isEmpty()) {
            return;
        }
        // a user who left and came back within one batch is neither
        List<UUID> netJoins = joins.stream().filter(id -> !leaves.contains(id) || nodesByUser.containsKey(id)).distinct().toList();
        List<UUID> netLeaves = leaves.stream().filter(id -> !nodesByUser.containsKey(id)).distinct().toList();
        if (netJoins.isEmpty() && netLeaves.isEmpty()) {
            return;
        }
        Diff diff = new Diff(netJoins, netLeaves);
        for (Consumer<Diff> listener : listeners) {
            try {
                listener.accept(diff);
            } catch (RuntimeException failure) {
                log.error("A presence listener failed", failure);
            }
        }
    }

    // --- lifecycle

    @Override
    public void start() {
        running = true;
        signals.listen(ClusterSignals.PRESENCE, this::heard);
        signals.onReconnect(() -> worker.execute(this::beat));
        worker.execute(this::beat);
        worker.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (!changedLocally.isEmpty()) {
            worker.execute(this::writeLocalChanges);
        }
    }

    /** Leaving cleanly: the node's rows go, and the others are told at once rather than at its heartbeat's timeout. */
    @Override
    public void stop() {
        running = false;
        try {
            worker.submit(() -> {
                jdbc.update("DELETE FROM realtime_node WHERE node_id = ?", self);
                signals.send(ClusterSignals.PRESENCE, "gone");
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception failure) {
            log.debug("Could not remove this node's presence rows: {}", failure.toString());
        }
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (its connections release their holds) and before the cluster signals. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 + 1;
    }
}
