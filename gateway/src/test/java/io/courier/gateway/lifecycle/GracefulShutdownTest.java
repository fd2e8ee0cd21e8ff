package io.courier.gateway.lifecycle;

import io.courier.gateway.support.CourierProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the whole process group (what a service manager, or Ctrl-C in a terminal, does) while clients
 * register, log in and read their account: every request completes or is refused with a 503 problem, the
 * server logs no error, and the JVM exits with the status a SIGTERM asks for (143 = 128 + 15).
 */
class GracefulShutdownTest {

    private static final int CLIENTS = 6;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

    @TempDir
    Path dataDirectory;
    TestInfo test;

    @BeforeEach
    void rememberTest(TestInfo test) {
        this.test = test;
    }

    @AfterEach
    void stopLeftOverPostgres() {
        CourierProcess.stopPostgresLeftIn(dataDirectory);
    }

    @Test
    void sigterm_under_load_answers_every_request_properly_and_exits_cleanly() throws InterruptedException {
        try (CourierProcess server = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "server"), Map.of())) {
            Load load = new Load(server.awaitStarted());
            load.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> load.answered.get() >= 5 * CLIENTS);

            server.signalProcessGroup("TERM");
            int exitCode = server.awaitExit(Duration.ofSeconds(120));
            load.stop();

            assertThat(load.answered.get()).isPositive();
            assertThat(load.improper).as("responses other than 2xx, 4xx or a 503 problem").isEmpty();
            assertThat(exitCode).isEqualTo(143);
            String output = server.output();
            assertThat(output).doesNotContain(" ERROR ").doesNotContain("\tat ").doesNotContain("Caused by");
            assertThat(output.lines().filter(line -> line.contains(" WARN ") && !line.contains("development values")
                    && !line.contains("development vault key"))).as("warnings besides the development secrets").isEmpty();
            System.out.printf("SIGTERM under load: %d responses, %d refused or closed connections%n",
                    load.answered.get(), load.refused.get());
            assertThat(CourierProcess.postmaster(dataDirectory.resolve("postgres")))
                    .as("PostgreSQL stopped with the server").isEmpty();
        }
    }

    /** Clients that register, log in and read their account in a loop until stopped. */
    private static final class Load {

        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final ConcurrentLinkedQueue<String> improper = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> clients = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Load(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(this::run, "load-" + i);
                clients.add(client);
                client.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(60).toMillis());
            }
        }

        private void run() {
            while (running.get()) {
                String email = "load-" + UUID.randomUUID() + "@example.com";
                String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}";
                if (call(post("/auth/register", credentials)) == null) {
                    continue;
                }
                HttpResponse<String> login = call(post("/auth/login", credentials));
                Matcher token = login == null ? null : ACCESS_TOKEN.matcher(login.body());
                if (token != null && token.find()) {
                    call(HttpRequest.newBuilder(URI.create(base + "/api/me")).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token.group(1)).GET().build());
                }
            }
        }

        private HttpRequest post(String path, String json) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        /** The response, or null when the connection was refused or closed: fine once the server is stopping. */
        private HttpResponse<String> call(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                answered.incrementAndGet();
                int status = response.statusCode();
                boolean problem = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json");
                if (!(status < 500 || status == 503 && problem)) {
                    improper.add(request.method() + " " + request.uri().getPath() + " -> " + status + " " + response.body());
                }
                return response;
            } catch (IOException refusedOrClosed) {
                refused.incrementAndGet();
                sleepBriefly();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
                return null;
            }
        }

        private static void sleepBriefly() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
