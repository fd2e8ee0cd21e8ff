package io.courier.gateway.abuse;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing is the most expensive thing an anonymous client can make the server do. The
 * hashing runs on its own small pool with a short queue, and queries need no event-store connection,
 * so a flood of logins must leave reads fast. Rate limits are generous in this context, so every
 * guess reaches the command side. The figures are printed; the real benchmark lives elsewhere.
 */
@CourierIntegrationTest
class PasswordHashingLoadTest {

    private static final int GUESSERS = 16;
    private static final int READS = 100;

    @Autowired
    WebTestClient http;
    @LocalServerPort
    int port;

    @Test
    void reads_stay_fast_while_sixteen_clients_guess_passwords() throws Exception {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        api.register(email);
        String accessToken = api.login(email).accessToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get("/api/me", accessToken).expectStatus().isOk());

        List<Long> quiet = timeReads(api, accessToken, READS);

        Map<Integer, LongAdder> guessAnswers = new ConcurrentHashMap<>();
        AtomicBoolean guessing = new AtomicBoolean(true);
        ExecutorService guessers = Executors.newFixedThreadPool(GUESSERS);
        HttpClient guesserClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> loaded;
        long loadStart = System.nanoTime();
        try {
            for (int i = 0; i < GUESSERS; i++) {
                // half guess at one account, half at unknown addresses (hashed too, against a decoy)
                String target = i % 2 == 0 ? email : uniqueEmail();
                guessers.execute(() -> guess(guesserClient, target, guessing, guessAnswers));
            }
            Thread.sleep(1000); // let the flood build up
            loaded = timeReads(api, accessToken, READS);
        } finally {
            guessing.set(false);
            guessers.shutdown();
            assertThat(guessers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - loadStart) / 1e9;

        System.out.printf("GET /api/me, %d sequential reads: quiet p50 %d ms, p95 %d ms, max %d ms;"
                        + " during %d password guessers p50 %d ms, p95 %d ms, max %d ms;"
                        + " guesses answered %s in %.1f s (%d cores)%n",
                READS, percentile(quiet, 50), percentile(quiet, 95), percentile(quiet, 100),
                GUESSERS, percentile(loaded, 50), percentile(loaded, 95), percentile(loaded, 100),
                guessAnswers, seconds, Runtime.getRuntime().availableProcessors());

        assertThat(guessAnswers.keySet()).as("wrong passwords are refused, or deferred when hashing is saturated")
                .isNotEmpty().isSubsetOf(401, 503);
        assertThat(guessAnswers.get(401)).as("guesses were really checked").isNotNull();
        assertThat(percentile(loaded, 95)).as("p95 of reads under a login flood, ms").isLessThan(200);
    }

    private void guess(HttpClient client, String email, AtomicBoolean guessing, Map<Integer, LongAdder> answers) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/login"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                        
                        "{\"email\":\"" + email + "\",\"password\":\"not the password at all\"}"))
                .build();
        while (guessing.get()) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.computeIfAbsent(status, s -> new LongAdder()).increment();
            } catch (Exception failed) {
                answers.computeIfAbsent(-1, s -> new LongAdder()).increment();
            }
        }
    }

    private static List<Long> timeReads(ApiClient api, String accessToken, int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            api.get("/api/me", accessToken).expectStatus().isOk();
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return millis;
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
