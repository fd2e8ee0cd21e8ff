package io.courier.gateway.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to completion within a time limit. Its output (stdout and stderr together) goes to a log
 * file rather than a pipe, so a chatty process can never block on a full pipe while we wait for it.
 */
record ExternalProcess(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {

    record Outcome(int exitCode, String output, Duration took) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The last lines of the output, for failure messages. */
        String tail(int lines) {
            List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    ExternalProcess(List<String> command, Path directory, Duration timeout) {
        this(command, directory, Map.of(), timeout);
    }

    /** Runs the command; a timeout kills it (and its children) and fails with what it printed so far. */
    Outcome run(Path log) {
        long start = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; its output so far (" + log + "):\n" + read(log));
            }
            return new Outcome(process.exitValue(), read(log), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new AssertionError("Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Whether a program answers at all (on the PATH, runnable). */
    static boolean available(String program, Path directory) {
        try {
            Process process = new ProcessBuilder(program, "--version").directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path log) throws IOException {
        // lenient: a tool's output is not always valid UTF-8
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
