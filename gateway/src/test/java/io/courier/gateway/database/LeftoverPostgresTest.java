package io.courier.gateway.database;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stale postmaster.pid whose pid now belongs to another process must never get that process stopped.
 * (Taking over a PostgreSQL that really was left behind is shown with real servers in CrashRecoveryTest.)
 */
class LeftoverPostgresTest {

    @TempDir
    Path dataDirectory;

    private Process bystander;

    @AfterEach
    void stopBystander() {
        if (bystander != null) {
            bystander.destroyForcibly();
        }
    }

    @Test
    void a_reused_pid_is_left_alone_and_the_stale_pid_file_removed() throws IOException {
        bystander = new ProcessBuilder("sleep", "120").start();
        Instant longAgo = bystander.info().startInstant().orElseThrow().minus(Duration.ofDays(3));
        writePidFile(bystander.pid(), longAgo);

        LeftoverPostgres.stopIfRunning(dataDirectory);

        assertThat(bystander.isAlive()).isTrue();
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void a_process_that_is_not_postgres_is_left_alone_even_with_a_matching_start_time() throws IOException {
        bystander = new ProcessBuilder("sleep", "120").start();
        writePidFile(bystander.pid(), bystander.info().startInstant().orElseThrow());

        LeftoverPostgres.stopIfRunning(dataDirectory);

        assertThat(bystander.isAlive()).isTrue();
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void a_pid_file_of_a_server_that_is_gone_is_left_to_postgresql() throws IOException {
        Process gone = new ProcessBuilder("true").start();
        gone.onExit().join();
        writePidFile(gone.pid(), Instant.now());

        LeftoverPostgres.stopIfRunning(dataDirectory);

        assertThat(dataDirectory.resolve("postmaster.pid")).exists();
    }

    /** The layout PostgreSQL writes: pid, data directory, start time (epoch seconds), port, ... */
    private void writePidFile(long pid, Instant started) throws IOException {
        Files.writeString(dataDirectory.resolve("postmaster.pid"), pid + "\n" + dataDirectory + "\n"
                + started.getEpochSecond() + "\n5432\n/tmp\nlocalhost\n  1234  5678\nready   \n");
    }
}
