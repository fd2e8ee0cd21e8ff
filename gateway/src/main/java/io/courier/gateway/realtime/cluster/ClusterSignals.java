package io.courier.gateway.realtime.cluster;

import io.courier.command.ids.RandomIds;
import io.courier.gateway.axon.WakeableEventStore;
import io.courier.gateway.database.DatabaseUrl;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Nodes sharing one PostgreSQL tell each other things with LISTEN/NOTIFY, without Axon Server or a broker:
 * that events were committed (so every node's event store fetches at once instead of at its next poll), presence
 * changes and typing notices. Notifications are hints, never the record: a node that misses one (its listening
 * connection dropped) still reads every event from the store, and presence is reconciled from its table.
 * <p>
 * Each node holds two connections of its own, outside the pools: one listens, one sends (so that a busy pool
 * never delays a notice). A burst of commits is announced once: announcements coalesce while one is being sent.
 */
@Component
public class ClusterSignals implements SmartLifecycle {

    public static final String EVENTS = "courier_events";
    public static final String PRESENCE = "courier_presence";
    public static final String TYPING = "courier_typing";

    private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);
    private static final List<String> CHANNELS = List.of(EVENTS, PRESENCE, TYPING);
    private static final int OUTBOX = 10_000;

    private final DatabaseUrl database;
    private final WakeableEventStore eventStore;
    private final UUID nodeId = RandomIds.uuid();
    private final Map<String, List<Consumer<Notice>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectHooks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Notice> outbox = new ArrayBlockingQueue<>(OUTBOX);
    private final AtomicBoolean commitPending = new AtomicBoolean();
    private final Object senderWake = new Object();

    private volatile boolean running;
    /** Unknown until the first heartbeat: assume there are others. */
    private volatile int peers = Integer.MAX_VALUE;
    private Thread listener;
    private Thread sender;

    ClusterSignals(DatabaseUrl database, WakeableEventStore eventStore) {
        this.database = database;
        this.eventStore = eventStore;
    }

    /** A notification: the node that sent it and its text. */
    public record Notice(String channel, UUID from, String text) {
    }

    public UUID nodeId() {
        return nodeId;
    }

    /** {@code handler} gets the notices of {@code channel} from other nodes, on the listening thread; must not block. */
    public void listen(String channel, Consumer<Notice> handler) {
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Runs after the listening connection was (re)established: notices may have been missed before. */
    public void onReconnect(Runnable hook) {
        reconnectHooks.add(hook);
    }

    /**
     * How many other nodes are alive (from the presence heartbeats). While there are none, nothing is sent: a
     * node that starts is heard of within a heartbeat, and polls the store meanwhile.
     */
    public void peers(int count) {
        peers = count;
    }

    /** Sends {@code text} to the other nodes on {@code channel}, in the background; dropped if the outbox is full. */
    public void send(String channel, String text) {
        if (peers == 0) {
            return;
        }
        if (!outbox.offer(new Notice(channel, nodeId, text))) {
            log.debug("Cluster outbox full; a {} notice was dropped", channel);
        }
    }

    @Override
    public void start() {
        running = true;
        eventStore.onCommit(this::announceCommit);
        listen(EVENTS, notice -> eventStore.wake());
        listener = thread("realtime-cluster-listen", this::listenLoop);
        sender = thread("realtime-cluster-send", this::sendLoop);
    }

    private void announceCommit() {
        if (peers == 0) {
            return;
        }
        if (commitPending.compareAndSet(false, true)) {
            synchronized (senderWake) {
                senderWake.notifyAll();
            }
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : CHANNELS) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                reconnectHooks.forEach(ClusterSignals::runQuietly);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification);
                        }
                    }
                }
            } catch (SQLException failure) {
                if (running) {
                    log.warn("Lost the cluster listening connection; reconnecting: {}", failure.toString());
                    pause();
                }
            }
        }
    }

    private void dispatch(PGNotification notification) {
        String parameter = notification.getParameter();
        int separator = parameter.indexOf(' ');
        UUID from;
        try {
            from = UUID.fromString(separator < 0 ? parameter : parameter.substring(0, separator));
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        if (from.equals(nodeId)) {
            return; // our own notice: already acted on locally
        }
        Notice notice = new Notice(notification.getName(), from, separator < 0 ? "" : parameter.substring(separator + 1));
        for (Consumer<Notice> handler : listeners.getOrDefault(notice.channel(), List.of())) {
            try {
                handler.accept(notice);
            } catch (RuntimeException failure) {
                log.error("A cluster notice handler failed", failure);
            }
        }
    }

    private void sendLoop() {
        while (running) {
            try (Connection connection = connect();
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                while (running) {
                    if (commitPending.getAndSet(false)) {
                        send(notify, EVENTS, nodeId.toString());
                    }
                    Notice notice = outbox.poll();
                    if (notice != null) {
                        send(notify, notice.channel(), nodeId + " " + notice.text());
                        continue;
                    }
                    synchronized (senderWake) {
                        if (!commitPending.get() && outbox.isEmpty()) {
                            senderWake.wait(20);
                        }
                    }
                }
            } catch (SQLException failure) {
                if (running) {
                    log.warn("Lost the cluster sending connection; reconnecting: {}", failure.toString());
                    pause();
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void send(PreparedStatement notify, String channel, String text) throws SQLException {
        notify.setString(1, channel);
        notify.setString(2, text);
        notify.execute();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.username() != null) {
            properties.setProperty("user", database.username());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        properties.setProperty("ApplicationName", "courier-cluster-signals");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pauseBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException failure) {
            log.error("A cluster reconnect hook failed", failure);
        }
    }

    /** Gives the outbox a moment to go out (a stopping node's "gone" notice), then stops. */
    @Override
    public void stop() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!outbox.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            pauseBriefly();
        }
        running = false;
        for (Thread thread : new Thread[] {listener, sender}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 - 1;
    }
}
