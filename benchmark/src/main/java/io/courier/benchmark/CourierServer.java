package io.courier.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The server under test: a child process of the packaged jar on a throw-away data directory, or one already running. */
final class CourierServer implements AutoCloseable {

    private final URI baseUri;
    private final Process process;
    private final Path dataDirectory;
    private final String jdbcUrl;

    private CourierServer(URI baseUri, Process process, Path dataDirectory, String jdbcUrl) {
        this.baseUri = baseUri;
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.jdbcUrl = jdbcUrl;
    }

    static CourierServer external(URI url, String jdbcUrl) {
        return new CourierServer(url, null, null, jdbcUrl);
    }

    static CourierServer start(Path jar, boolean jfr, List<String> javaOptions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B package -DskipTests");
        }
        Path data = Files.createTempDirectory("courier-benchmark-");
        int port = freePort();
        int databasePort = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms1g", "-Xmx1g"));
        if (jfr) {
            command.add("-XX:StartFlightRecording=filename=benchmark.jfr,settings=profile,dumponexit=true");
        }
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        builder.environment().put("COURIER_DATA_DIR", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("EMBEDDED_DATABASE_PORT", Integer.toString(databasePort));
        builder.environment().remove("DATABASE_URL");
        // every client account is registered and logged in from this one address; the per-account login
        // limit keeps its default, so a login flood against one account is throttled as in production
        builder.environment().put("RATE_LIMIT_REGISTRATION_PER_ADDRESS", "1000000/1m");
        builder.environment().put("RATE_LIMIT_LOGIN_PER_ADDRESS", "1000000/1m");
        builder.environment().put("MANAGEMENT_PORT", "-1");
        Process process = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        CourierServer server = new CourierServer(base, process, data,
                "jdbc:postgresql://127.0.0.1:" + databasePort + "/courier?user=postgres");
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    URI baseUri() {
        return baseUri;
    }

    /** The server's database, for scenarios that seed data faster than the API could; null when unknown. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * CPU time used so far by the server process and its children, when this harness started it: CPU
     * per operation is comparable between runs even on a busy machine. The embedded PostgreSQL runs
     * detached from the JVM (pg_ctl starts it in its own session), so its CPU is not included.
     */
    Optional<Duration> cpuTime() {
        if (process == null) {
            return Optional.empty();
        }
        ProcessHandle handle = process.toHandle();
        Duration total = handle.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : handle.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return Optional.of(total);
    }

    /**
     * CPU time used so far by the embedded PostgreSQL (its postmaster and live backends), found through the
     * postmaster.pid in the server's data directory; backends that exited are not counted, which is fine
     * for pooled connections.
     */
    Optional<Duration> databaseCpuTime() {
        if (process == null) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            Optional<Path> pidFile = files.filter(path -> path.endsWith("postmaster.pid")).findFirst();
            if (pidFile.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile.get()).get(0).trim());
            return ProcessHandle.of(pid).map(postmaster -> {
                Duration total = postmaster.info().totalCpuDuration().orElse(Duration.ZERO);
                for (ProcessHandle backend : postmaster.descendants().toList()) {
                    total = total.plus(backend.info().totalCpuDuration().orElse(Duration.ZERO));
                }
                return total;
            });
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue()
                        + "; see " + dataDirectory.resolve("server.log"));
            }
            try {
                // any answer from the login route means the whole stack (database included) is up
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The server did not answer within " + timeout);
    }

    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
