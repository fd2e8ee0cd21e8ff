package io.courier.gateway.database;

import io.courier.gateway.config.InvalidConfigurationException;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL runs detached from the JVM (pg_ctl puts it in its own session), so when a Courier server is
 * killed (kill -9, the OOM killer) its PostgreSQL keeps running on the data directory and would make the
 * next start fail. The next server stops it first; this is only called while holding the
 * {@link DataDirectoryLock}, so no live Courier server is using it.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    static void stopIfRunning(Path dataDirectory) {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.in(dataDirectory);
        Optional<ProcessHandle> withPid = pidFile.flatMap(PostmasterPidFile::processWithPid);
        if (withPid.isEmpty()) {
            return; // no server recorded, or it is gone: PostgreSQL removes its own stale pid file
        }
        ProcessHandle postmaster = withPid.get();
        if (!pidFile.get().isRecordedServer(postmaster)) {
            // The recorded server is long gone and its pid now belongs to another process, which PostgreSQL
            // would take for a running server. (Its shared-memory check still guards the data.)
            log.info("Removing stale {}: pid {} now belongs to another process", pidFile.get().file(), postmaster.pid());
            delete(pidFile.get().file());
            return;
        }
        log.warn("Stopping the PostgreSQL (pid {}) that a Courier server which did not shut down left running in {}",
                postmaster.pid(), dataDirectory.toAbsolutePath());
        Optional<Path> pgCtl = postmaster.info().command()
                .map(postgres -> Path.of(postgres).resolveSibling("pg_ctl")).filter(Files::isExecutable);
        if (pgCtl.isPresent()) {
            fastShutdown(pgCtl.get(), dataDirectory);
        } else {
            postmaster.destroy(); // SIGTERM: a "smart" shutdown, enough as the dead server's connections are gone
        }
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new InvalidConfigurationException("PostgreSQL (pid " + postmaster.pid() + ") left running in "
                    + dataDirectory.toAbsolutePath() + " does not stop",
                    "Stop it yourself (kill -INT " + postmaster.pid() + ") and start Courier again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL " + postmaster.pid(), e);
        }
    }

    /** pg_ctl's "fast" mode: disconnect clients, checkpoint, exit. Run as zonky runs it (unshare -U as root). */
    private static void fastShutdown(Path pgCtl, Path dataDirectory) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "stop", "-D", dataDirectory.toString(), "-m", "fast",
                "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                log.warn("pg_ctl stop answered {}: {}", process.exitValue(), output);
            }
        } catch (IOException e) {
            log.warn("Could not run {}: {}", pgCtl, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
