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
    private final Path jar;
    private final List<String> javaOptions;
    private final Secrets secrets;

    /** Secrets the harness chose for the servers it starts: nodes on one database share them, and it can sign tokens. */
    record Secrets(String secretKeyBase, String vaultKey) {

        static Secrets random() {
            java.security.SecureRandom random = new java.security.SecureRandom();
            byte[] base = new byte[48];
            byte[] vault = new byte[32];
            random.nextBytes(base);
            random.nextBytes(vault);
            return new Secrets(java.util.HexFormat.of().formatHex(base), java.util.Base64.getEncoder().encodeToString(vault));
        }
    }

    private CourierServer(URI baseUri, Process process, Path dataDirectory, String jdbcUrl, Path jar,
                          List<String> javaOptions, Secrets secrets) {
        this.baseUri = baseUri;
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.jdbcUrl = jdbcUrl;
        this.jar = jar;
        this.javaOptions = javaOptions;
        this.secrets = secrets;
    }

    static CourierServer external(URI url, String jdbcUrl) {
        return new CourierServer(url, null, null, jdbcUrl, null, List.of(), null);
    }

    static CourierServer start(Path jar, boolean jfr, List<String> javaOptions) throws IOException, InterruptedException {
        return start(jar, jfr, javaOptions, Secrets.random(), null);
    }

    /**
     * A second node on this server's database (its embedded PostgreSQL), with the same secrets and JVM options: the
     * documented scale-out without Axon Server. Only for a server this harness started.
     */
    CourierServer secondNode() throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("A second node needs a first one the harness started");
        }
        return start(jar, false, javaOptions, secrets, jdbcUrl);
    }

    private static CourierServer start(Path jar, boolean jfr, List<String> javaOptions, Secrets secrets,
                                       String sharedJdbcUrl) throws IOException, InterruptedException {
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
        builder.environment().put("SECRET_KEY_BASE", secrets.secretKeyBase());
        builder.environment().put("VAULT_KEY", secrets.vaultKey());
        builder.environment().put("BIND_ADDRESS", "127.0.0.1");
        if (sharedJdbcUrl != null) {
            // jdbc:postgresql://127.0.0.1:<port>/courier?user=postgres as postgres://postgres@127.0.0.1:<port>/courier
            String hostPortDatabase = sharedJdbcUrl.substring("jdbc:postgresql://".length(), sharedJdbcUrl.indexOf('?'));
            builder.environment().put("DATABASE_URL", "postgres://postgres@" + hostPortDatabase);
        }
        // every client account is registered and logged in from this one address; the per-account login
        // limit keeps its default, so a login flood against one account is throttled as in production
        builder.environment().put("RATE_LIMIT_REGISTRATION_PER_ADDRESS", "1000000/1m");
        builder.environment().put("RATE_LIMIT_LOGIN_PER_ADDRESS", "1000000/1m");
        builder.environment().put("MANAGEMENT_PORT", "-1");
        Process process = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        CourierServer server = new CourierServer(base, process, data, sharedJdbcUrl != null ? sharedJdbcUrl
                : "jdbc:postgresql://127.0.0.1:" + databasePort + "/courier?user=postgres", jar, javaOptions, secrets);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    URI baseUri() {
        return baseUri;
    }

    /** Signs access tokens for this server; null for a server the harness did not start. */
    AccessTokenMinter tokens() {
        return secrets == null ? null : new AccessTokenMinter(secrets.secretKeyBase());
    }

    /** The server's JVM, when the harness started it. */
    Optional<ProcessHandle> processHandle() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
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
