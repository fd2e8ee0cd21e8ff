package io.courier.gateway.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@code postmaster.pid}: the server's pid (line 1) and start time in epoch seconds (line 3).
 * A pid alone can be reused after the server is gone (a reboot, a long-dead crash), so a process only
 * counts as the recorded server if it started when the file says and runs a {@code postgres} executable.
 */
record PostmasterPidFile(Path file, long pid, Instant started) {

    private static final Duration START_TOLERANCE = Duration.ofSeconds(10);

    static Optional<PostmasterPidFile> in(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new PostmasterPidFile(file, Long.parseLong(lines.get(0).strip()),
                    Instant.ofEpochSecond(Long.parseLong(lines.get(2).strip()))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // PostgreSQL itself deals with a damaged or half-written file
        }
    }

    /** The live process with the recorded pid, whatever it is now. */
    Optional<ProcessHandle> processWithPid() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** The recorded PostgreSQL server, if it is still running. */
    Optional<ProcessHandle> runningServer() {
        return processWithPid().filter(this::isRecordedServer);
    }

    boolean isRecordedServer(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        boolean startedThen = info.startInstant()
                .map(start -> Duration.between(started, start).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(true);
        boolean isPostgres = info.command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
        return startedThen && isPostgres;
    }
}
