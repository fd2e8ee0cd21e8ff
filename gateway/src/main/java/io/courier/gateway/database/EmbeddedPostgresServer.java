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
import java.util.Map;

/**
 * A real PostgreSQL server started from the zonky binaries on the classpath, used when no
 * {@code DATABASE_URL} is given. Its data directory is kept, so a restarted server has its data.
 * When run as root, zonky starts PostgreSQL in a user namespace ({@code unshare -U}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "courier";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky tunes for throw-away test databases; this one keeps real data.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres);
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + " (is another Courier server using it?)", e);
        }
    }

    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", postgres.getPort(), DATABASE, "postgres", null, Map.of());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
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
