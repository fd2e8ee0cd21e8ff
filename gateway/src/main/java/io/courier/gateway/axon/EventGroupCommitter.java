package io.courier.gateway.axon;

import com.zaxxer.hikari.HikariDataSource;
import io.courier.command.eventsourcing.StreamUnchanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for events: the events of many concurrent commands are inserted with one statement and made
 * durable with one commit, instead of a transaction, a commit and a WAL flush each. One thread writes; while it
 * waits for a flush, the next commands queue up and become the next group, so groups grow with the load and a
 * quiet server still commits each command at once. Once commands arrive together (the previous group had several),
 * a group also waits up to a short linger for more: every commit costs the database a transaction and a WAL flush,
 * and wakes each reader of the store once, so at a steady 2,000 posts/s fewer, fuller groups left more CPU to
 * everything else than the latency the linger adds.
 * <p>
 * A command's events go in whole or not at all. Rows that hit the event store's unique (aggregate, sequence
 * number) key, because another command or node appended first, are skipped by the insert; the group is then
 * rolled back and written again without the commands they belong to, which fail as a lost race (and are decided
 * again). Any other failure of the group is retried command by command, so one bad command fails alone.
 * <p>
 * A command's events may carry a {@link StreamUnchanged} condition: they go in only if the named stream has
 * no event after the given one, checked by the same insert (an index probe per row). An unmet condition is a
 * lost race like a taken key.
 */
final class EventGroupCommitter implements AutoCloseable {

    /** One event as the event table stores it. */
    record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type, String timestamp,
               String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /** A lost race: this row's aggregate already has an event with its sequence number, or a condition is unmet. */
    static final class Conflict extends SQLException {
        Conflict(Row row, StreamUnchanged condition) {
            super("An event of aggregate " + row.aggregateIdentifier() + " with sequence number "
                    + row.sequenceNumber() + " is already stored"
                    + (condition == null ? "" : ", or " + condition.aggregateIdentifier()
                    + " has events after sequence number " + condition.lastSequenceNumber()), "23505");
        }
    }

    /** @param condition null when the command's events go in unconditionally */
    private record Pending(List<Row> rows, StreamUnchanged condition, CompletableFuture<Void> done) {
    }

    private static final Logger log = LoggerFactory.getLogger(EventGroupCommitter.class);
    private static final int MAX_GROUP_ROWS = 1000;
    private static final String INSERT = """
            INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                          payloadtype, payloadrevision, payload, metadata)
            SELECT e.eventidentifier, e.aggregateidentifier, e.sequencenumber, e.type, e.timestamp,
                   e.payloadtype, e.payloadrevision, e.payload, e.metadata
            FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS bigint[]), CAST(? AS varchar[]),
                        CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS bytea[]),
                        CAST(? AS bytea[]), CAST(? AS varchar[]), CAST(? AS bigint[]))
                 AS e(eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                      payloadrevision, payload, metadata, unchanged_stream, unchanged_after)
            WHERE e.unchanged_stream IS NULL
               OR NOT EXISTS (SELECT 1 FROM domainevententry later
                              WHERE later.aggregateidentifier = e.unchanged_stream
                                AND later.sequencenumber > e.unchanged_after)
            ON CONFLICT DO NOTHING
            RETURNING aggregateidentifier, sequencenumber""";

    private final HikariDataSource dataSource;
    private final List<Runnable> afterEachCommit = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final long lingerNanos;
    private volatile boolean closed;
    private int previousGroupSize; // the writer's own

    /**
     * @param dataSource a pool of its own, closed with this committer
     * @param linger     how long a group waits for more commands once the previous group had several; zero never
     */
    EventGroupCommitter(HikariDataSource dataSource, Duration linger) {
        this.dataSource = dataSource;
        this.lingerNanos = linger.toNanos();
        this.writer = new Thread(this::writeGroups, "event-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@code listener} runs on the writer after each commit of a group, before its commands learn of it. */
    void afterEachCommit(Runnable listener) {
        afterEachCommit.add(listener);
    }

    /**
     * Completes once the rows are durable, or exceptionally (with a {@link Conflict} for a lost race or an unmet
     * {@code condition}, which may be null).
     */
    CompletableFuture<Void> commit(List<Row> rows, StreamUnchanged condition) {
        Pending pending = new Pending(rows, condition, new CompletableFuture<>());
        if (closed) {
            pending.done().completeExceptionally(new IllegalStateException("The event store is shutting down"));
            return pending.done();
        }
        queue.add(pending);
        return pending.done();
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        break;
                    }
                    continue;
                }
                group.add(first);
                int rows = first.rows().size();
                // what is queued joins at once; while commands arrive together (the previous group had several),
                // the group also waits up to the linger for more of them to share this commit
                long until = System.nanoTime() + (previousGroupSize > 1 ? lingerNanos : 0);
                for (Pending next; rows < MAX_GROUP_ROWS
                        && (next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                    group.add(next);
                    rows += next.rows().size();
                }
                previousGroupSize = group.size();
                write(group);
            } catch (InterruptedException stop) {
                break;
            } catch (RuntimeException | Error unexpected) {
                log.error("Writing a group of events failed", unexpected);
                group.forEach(pending -> pending.done().completeExceptionally(unexpected));
            } finally {
                group.clear();
            }
        }
        queue.forEach(pending -> pending.done().completeExceptionally(new IllegalStateException("The event store stopped")));
    }

    private void write(List<Pending> group) {
        try {
            writeTogether(group);
        } catch (SQLException groupFailed) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailed);
                return;
            }
            // one command's bad row must not fail the others: each on its own
            for (Pending pending : group) {
                try {
                    writeTogether(List.of(pending));
                } catch (SQLException failed) {
                    pending.done().completeExceptionally(failed);
                }
            }
        }
    }

    /** Commits the group's rows minus the commands that lost a race, which fail with a {@link Conflict}. */
    private void writeTogether(List<Pending> group) throws SQLException {
        List<Pending> remaining = new ArrayList<>(group);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                while (!remaining.isEmpty()) {
                    Set<String> stored = insert(connection, remaining);
                    List<Pending> lost = new ArrayList<>();
                    for (Pending pending : remaining) {
                        for (Row row : pending.rows()) {
                            if (!stored.contains(key(row.aggregateIdentifier(), row.sequenceNumber()))) {
                                pending.done().completeExceptionally(new Conflict(row, pending.condition()));
                                lost.add(pending);
                                break;
                            }
                        }
                    }
                    if (lost.isEmpty()) {
                        connection.commit();
                        announceCommit();
                        remaining.forEach(pending -> pending.done().complete(null));
                        return;
                    }
                    // the lost commands' other rows may have gone in: undo the whole group, write it again without them
                    connection.rollback();
                    remaining.removeAll(lost);
                }
            } catch (SQLException | RuntimeException failed) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it
                }
                throw failed;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void announceCommit() {
        for (Runnable listener : afterEachCommit) {
            try {
                listener.run();
            } catch (RuntimeException failed) {
                log.error("A listener of group commits failed", failed);
            }
        }
    }

    private static Set<String> insert(Connection connection, List<Pending> group) throws SQLException {
        int size = group.stream().mapToInt(pending -> pending.rows().size()).sum();
        String[] eventIds = new String[size];
        String[] aggregateIds = new String[size];
        Long[] sequenceNumbers = new Long[size];
        String[] types = new String[size];
        String[] timestamps = new String[size];
        String[] payloadTypes = new String[size];
        String[] payloadRevisions = new String[size];
        byte[][] payloads = new byte[size][];
        byte[][] metaData = new byte[size][];
        String[] unchangedStreams = new String[size];
        Long[] unchangedAfter = new Long[size];
        int i = 0;
        for (Pending pending : group) {
            for (Row row : pending.rows()) {
                if (pending.condition() != null) {
                    unchangedStreams[i] = pending.condition().aggregateIdentifier();
                    unchangedAfter[i] = pending.condition().lastSequenceNumber();
                }
                eventIds[i] = row.eventIdentifier();
                aggregateIds[i] = row.aggregateIdentifier();
                sequenceNumbers[i] = row.sequenceNumber();
                types[i] = row.type();
                timestamps[i] = row.timestamp();
                payloadTypes[i] = row.payloadType();
                payloadRevisions[i] = row.payloadRevision();
                payloads[i] = row.payload();
                metaData[i] = row.metaData();
                i++;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("varchar", eventIds));
            insert.setArray(2, connection.createArrayOf("varchar", aggregateIds));
            insert.setArray(3, connection.createArrayOf("bigint", sequenceNumbers));
            insert.setArray(4, connection.createArrayOf("varchar", types));
            insert.setArray(5, connection.createArrayOf("varchar", timestamps));
            insert.setArray(6, connection.createArrayOf("varchar", payloadTypes));
            insert.setArray(7, connection.createArrayOf("varchar", payloadRevisions));
            insert.setArray(8, connection.createArrayOf("bytea", payloads));
            insert.setArray(9, connection.createArrayOf("bytea", metaData));
            insert.setArray(10, connection.createArrayOf("varchar", unchangedStreams));
            insert.setArray(11, connection.createArrayOf("bigint", unchangedAfter));
            Set<String> stored = new HashSet<>(size * 2);
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    stored.add(key(inserted.getString(1), inserted.getLong(2)));
                }
            }
            return stored;
        }
    }

    private static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + '#' + sequenceNumber;
    }

    /** Writes what is queued, then stops: called after the command bus stopped taking commands. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(10_000);
        dataSource.close();
    }
}
