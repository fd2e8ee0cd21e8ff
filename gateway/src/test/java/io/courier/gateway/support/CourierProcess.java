package io.courier.gateway.support;

import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Courier server in its own JVM, started as a user would ({@code java ... CourierApplication}) from the
 * test classpath, in its own process group (via {@code setsid}) so a test can signal it like a terminal's
 * Ctrl-C or a service manager's SIGTERM would, and kill it like the OOM killer does.
 */
public final class CourierProcess implements AutoCloseable {

    private static final Pattern STARTED_PORT = Pattern.compile("Netty started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final Path output;
    private final boolean ownProcessGroup;

    private CourierProcess(Process process, Path output, boolean ownProcessGroup) {
        this.process = process;
        this.output = output;
        this.ownProcessGroup = ownProcessGroup;
    }

    /** Starts a server whose embedded database lives in {@code dataDirectory}; output goes to {@code output}. */
    public static CourierProcess start(Path dataDirectory, Path output, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        boolean ownProcessGroup = Files.isExecutable(SETSID);
        if (ownProcessGroup) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.courier.CourierApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.equals("DATABASE_URL") || name.equals("SPRING_PROFILES_ACTIVE")
                || name.equals("SECRET_KEY_BASE") || name.equals("VAULT_KEY") || name.equals("BIND_ADDRESS"));
        env.put("COURIER_DATA_DIR", dataDirectory.toString());
        env.put("PORT", "0");
        env.putAll(environment);
        try {
            return new CourierProcess(builder.start(), output, ownProcessGroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server answers HTTP (returning its port) or fails if the process ends first. */
    public int awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED_PORT.matcher(output());
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("Courier exited with " + process.exitValue() + " before starting:\n" + output());
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("Courier did not start within " + START_TIMEOUT + ":\n" + output());
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Courier still running after " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** What the OOM killer does: SIGKILL, no shutdown hooks. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Sends a signal (TERM, INT) to the whole process group, as a terminal or service manager does
     * (to the process alone where there is no setsid to give it a group of its own).
     */
    public void signalProcessGroup(String signal) {
        String target = (ownProcessGroup ? "-" : "") + process.pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " -- " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Never leaves a server (or, through its own shutdown, its PostgreSQL) running after a test. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A log file under target/ (kept for reading after a failure) named after the running test. */
    public static Path logFile(TestInfo test, String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "process-logs",
                    test.getTestClass().orElseThrow().getSimpleName(), test.getTestMethod().orElseThrow().getName()));
            return directory.resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For clean-up after a failed test: asks a PostgreSQL still running on the directory to stop. */
    public static void stopPostgresLeftIn(Path courierDataDirectory) {
        postmaster(courierDataDirectory.resolve("postgres")).ifPresent(ProcessHandle::destroy);
    }

    /** The PostgreSQL server process recorded in a data directory, if one is running. */
    public static Optional<ProcessHandle> postmaster(Path postgresDirectory) {
        Path pidFile = postgresDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
