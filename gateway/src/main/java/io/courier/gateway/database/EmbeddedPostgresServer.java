package io.courier.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server started from the zonky binaries on the classpath, used when no
 * {@code DATABASE_URL} is given. Its data directory is kept, so a restarted server has its data.
 * When run as root, zonky starts PostgreSQL in a user namespace ({@code unshare -U}).
 * <p>
 * PostgreSQL runs in its own session (pg_ctl detaches it), so a Ctrl-C or SIGTERM to Courier's process
 * group does not reach it: it is stopped when Spring closes this bean, after the web server, the event
 * processors and the connection pools. A PostgreSQL left running by a killed server is stopped by the next
 * start ({@link LeftoverPostgres}); a live server's directory is refused ({@link DataDirectoryLock}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "courier";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, DataDirectoryLock lock, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.lock = lock;
        this.postmaster = postmaster;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dataDirectory.toAbsolutePath(), e);
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory);
        try {
            LeftoverPostgres.stopIfRunning(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky's own JVM shutdown hook would stop PostgreSQL while requests are still being
                    // answered; Spring closes this server instead, after everything that uses it.
                    .setRegisterShutdownHook(false)
                    // zonky tunes for throw-away test databases; this one keeps real data.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    // PostgreSQL's defaults suit a small, mostly idle database. Posting 2,000 groups/s writes
                    // some 10 MB of WAL a second: 1 GB of WAL forced a checkpoint every ~90 s (a run with the
                    // defaults had every post stall 0.8 s once, most likely at its sync), after which each page's
                    // first change is logged whole (10,000 pages, 85 MB of WAL, in 25 s); a 128 MB cache made
                    // backends evict and write pages themselves (36,000 evictions in 25 s). With checkpoints that
                    // far apart, WAL segments are new files rather than recycled ones, and filling each with 16 MB
                    // of zeros first held up all commits for ~50 ms every 1.6 s: the file is extended as it is
                    // written instead (the flush of every commit still covers it).
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("wal_init_zero", "off")
                    // Backends wrote the pages they evicted into the OS cache and left them there: ~600 MB piled up
                    // dirty, the kernel wrote them out in one burst every ~30 s, every commit's WAL flush queued
                    // behind it and posts stalled 200-300 ms. Asking the OS to write out each 256 kB as it comes
                    // keeps that pile, and so each burst, to the pages of newly extended files (~9 MB/s of them).
                    .setServerConfig("backend_flush_after", "256kB");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, lock,
                    PostmasterPidFile.in(dataDirectory).flatMap(PostmasterPidFile::runningServer));
            try {
                createDatabaseIfMissing(postgres);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory.toAbsolutePath());
            return server;
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath(), e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", postgres.getPort(), DATABASE, "postgres", null, Map.of());
    }

    /** Stops PostgreSQL ("fast": clients disconnected, checkpoint written) and waits until it has exited. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
            awaitPostmasterExit();
        } finally {
            lock.close();
        }
    }

    private void awaitPostmasterExit() {
        try {
            postmaster.ifPresent(process -> process.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
        } catch (CompletionException timedOut) {
            log.warn("PostgreSQL (pid {}) still running {} after being asked to stop", postmaster.get().pid(), STOP_TIMEOUT);
        }
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Could not release the lock of the embedded database directory: {}", e.toString());
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!existing.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the '" + DATABASE + "' database in embedded PostgreSQL", e);
        }
    }
}
