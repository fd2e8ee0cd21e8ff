package io.courier.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The few REST calls the scenarios make, over one shared HTTP/1.1 client with keep-alive. */
final class CourierApi {

    static final String PASSWORD = "benchmark password, long enough";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    CourierApi(URI base) {
        this.base = base;
    }

    record Response(int status, JsonNode body) {
    }

    URI base() {
        return base;
    }

    /** A connection of its own for one load client's loop (see {@link KeepAliveConnection}). */
    KeepAliveConnection connection() {
        return new KeepAliveConnection(base);
    }

    Response post(String path, Map<String, ?> body, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.build());
    }

    Response put(String path, Map<String, ?> body, String accessToken) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Response get(String path, String accessToken) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .GET().build());
    }

    /**
     * {@code GET path} on a new connection, closed after the answer, as a client that has just opened
     * the app would: the latency includes connecting over loopback.
     */
    int getOnNewConnection(String path, String accessToken) {
        try (KeepAliveConnection fresh = connection()) {
            return fresh.get(path, accessToken).status();
        }
    }

    /** A fresh account with one session: returns {accessToken, refreshToken}. */
    String[] registerAndLogIn() {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        expect(whenNotBusy(() -> post("/auth/register", Map.of("email", email, "password", PASSWORD), null)), 201, "register");
        Response login = expect(whenNotBusy(() -> post("/auth/login", Map.of("email", email, "password", PASSWORD), null)),
                200, "login");
        return new String[]{login.body().get("accessToken").asText(), login.body().get("refreshToken").asText()};
    }

    /** Password hashing is bounded (503 server_busy beyond its queue): set-up waits its turn like a polite client. */
    static Response whenNotBusy(java.util.function.Supplier<Response> call) {
        return retriedWhile(503, call);
    }

    /** The read models follow the event store by a moment: a fresh account may not be readable yet. */
    static Response onceProjected(java.util.function.Supplier<Response> call) {
        return retriedWhile(404, call);
    }

    /** The call, made again every 100 ms for up to 5 s while it answers {@code status}. */
    private static Response retriedWhile(int status, java.util.function.Supplier<Response> call) {
        for (int attempt = 0; ; attempt++) {
            Response response = call.get();
            if (response.status() != status || attempt == 50) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    static Response expect(Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Response(response.statusCode(), body.length == 0 ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
