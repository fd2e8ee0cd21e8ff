package io.courier.gateway.abuse;

import io.courier.gateway.support.Http;
import io.courier.gateway.support.StrictLimitsIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: sockets that send part of a request and stall. In this context the server closes a
 * connection with an incomplete request line or headers after 2 s (idle timeout), one whose body
 * stalls after 1 s without data (read timeout), and any request still arriving after 3 s (request timeout).
 */
@StrictLimitsIntegrationTest
class SlowClientTest {

    private static final int HALF_SENT_HEADERS = 150;
    private static final int HALF_SENT_BODIES = 150;
    /** Generous: the timeouts are 1 and 2 seconds, the machine is shared. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Test
    void half_sent_requests_are_closed_after_the_timeouts_while_the_server_keeps_answering() throws Exception {
        long openedAt = System.nanoTime();
        for (int i = 0; i < HALF_SENT_HEADERS; i++) {
            stall(i % 2 == 0 ? "POST /auth/log" : "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: applic");
        }
        for (int i = 0; i < HALF_SENT_BODIES; i++) {
            stall("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{\"email\": \"slow");
        }

        timeHealthCheck(); // warm the client up
        Duration healthWhileStalled = timeHealthCheck();

        int closed = 0;
        List<String> answers = new ArrayList<>();
        for (Socket socket : sockets) {
            String answer = readUntilClosed(socket, openedAt);
            if (answer != null) {
                closed++;
                if (!answer.isEmpty()) {
                    answers.add(answer.lines().findFirst().orElse(""));
                }
            }
        }
        Duration healthAfterwards = timeHealthCheck();
        System.out.printf("slow clients: %d of %d closed by the server; answers %s; health while stalled %d ms,"
                        + " afterwards %d ms%n", closed, sockets.size(), answers.stream()
                        .collect(java.util.stream.Collectors.groupingBy(line -> line, java.util.stream.Collectors.counting())),
                healthWhileStalled.toMillis(), healthAfterwards.toMillis());

        assertThat(closed).as("connections closed by the server").isEqualTo(HALF_SENT_HEADERS + HALF_SENT_BODIES);
        assertThat(answers).as("stalled bodies are answered 408 before closing").allMatch(line -> line.contains(" 408"));
        assertThat(healthWhileStalled).isLessThan(Duration.ofSeconds(1));
        assertThat(healthAfterwards).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_body_trickling_in_just_fast_enough_to_dodge_the_read_timeout_is_cut_off_by_the_request_timeout() throws Exception {
        long openedAt = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            stall("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{");
        }
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            // a byte every 400 ms: never 1 s without data, but the whole body would take 400 s
            trickle.scheduleAtFixedRate(() -> sockets.forEach(socket -> {
                try {
                    socket.getOutputStream().write(' ');
                } catch (IOException closed) {
                    // the server hung up: what we are waiting for
                }
            }), 400, 400, TimeUnit.MILLISECONDS);

            for (Socket socket : sockets) {
                assertThat(readUntilClosed(socket, openedAt)).as("closed by the server").startsWith("HTTP/1.1 408");
            }
        } finally {
            trickle.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).as("not before the 3 s request timeout")
                .isGreaterThan(Duration.ofMillis(2500));
    }

    private void stall(String partialRequest) throws IOException {
        Socket socket = new Socket("localhost", port);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What the server sent before closing, or null if it was still open {@link #CLOSED_WITHIN} after opening. */
    private static String readUntilClosed(Socket socket, long openedAt) throws IOException {
        StringBuilder received = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            long left = CLOSED_WITHIN.toMillis() - Duration.ofNanos(System.nanoTime() - openedAt).toMillis();
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException stillOpen) {
                return null;
            } catch (IOException reset) {
                return received.toString(); // connection reset: closed too
            }
            if (read < 0) {
                return received.toString();
            }
            received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
        }
    }

    private Duration timeHealthCheck() {
        long start = System.nanoTime();
        Http.freshConnections(port).get().uri("/actuator/health").exchange().expectStatus().isOk();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
