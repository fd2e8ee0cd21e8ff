package io.courier.gateway.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL really runs with the settings it is tuned with for a steady write load (they reach
 * it as command-line options, which a typo or a library upgrade could silently drop), durability first.
 */
class EmbeddedPostgresSettingsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void runs_durable_and_tuned_for_writing() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
             Connection connection = DriverManager.getConnection(server.url().jdbcUrl(), "postgres", null);
             Statement statement = connection.createStatement()) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String name : new String[]{"fsync", "synchronous_commit", "shared_buffers", "max_wal_size",
                    "checkpoint_timeout", "wal_init_zero", "backend_flush_after"}) {
                try (ResultSet shown = statement.executeQuery("SHOW " + name)) {
                    shown.next();
                    settings.put(name, shown.getString(1));
                }
            }
            assertThat(settings).containsExactly(
                    Map.entry("fsync", "on"),
                    Map.entry("synchronous_commit", "on"),
                    Map.entry("shared_buffers", "512MB"),
                    Map.entry("max_wal_size", "4GB"),
                    Map.entry("checkpoint_timeout", "15min"),
                    Map.entry("wal_init_zero", "off"),
                    Map.entry("backend_flush_after", "256kB"));
        }
    }
}
