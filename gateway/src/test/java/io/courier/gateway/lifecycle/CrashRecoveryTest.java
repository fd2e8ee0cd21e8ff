package io.courier.gateway.lifecycle;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real server processes on one data directory: a crash (kill -9, as the OOM killer does) leaves the embedded
 * PostgreSQL behind, and the next start must take it over; a second live server must be refused cleanly.
 */
class CrashRecoveryTest {

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
    void a_server_killed_with_sigkill_restarts_on_the_same_data() {
        String email = uniqueEmail();
        try (CourierProcess crashed = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "crashed"), Map.of())) {
            client(crashed.awaitStarted()).register(email);
            crashed.kill9();
        }
        assertThat(CourierProcess.postmaster(dataDirectory.resolve("postgres")))
                .as("the embedded PostgreSQL outlives a killed JVM").isPresent();

        try (CourierProcess restarted = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "restarted"), Map.of())) {
            client(restarted.awaitStarted()).login(email);
            assertThat(restarted.output()).doesNotContain("ERROR").doesNotContain("\tat ");
            restarted.signalProcessGroup("INT"); // Ctrl-C in the terminal that started it
            assertThat(restarted.awaitExit(Duration.ofSeconds(90))).isEqualTo(130);
        }
        assertThat(CourierProcess.postmaster(dataDirectory.resolve("postgres")))
                .as("a stopped server stops its PostgreSQL").isEmpty();
    }

    @Test
    void a_second_live_server_on_the_same_data_directory_is_refused_in_one_line() {
        String email = uniqueEmail();
        try (CourierProcess owner = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "owner"), Map.of())) {
            ApiClient api = client(owner.awaitStarted());
            api.register(email);

            try (CourierProcess intruder = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "intruder"), Map.of())) {
                assertThat(intruder.awaitExit(Duration.ofSeconds(120))).isNotZero();
                String output = intruder.output();
                assertThat(output).contains("APPLICATION FAILED TO START")
                        .containsPattern("is in use by another Courier server \\(pid " + owner.pid() + "\\b")
                        .doesNotContain("\tat ").doesNotContain("Exception");
            }
            api.login(email);
        }
    }

    static ApiClient client(int port) {
        return new ApiClient(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build());
    }
}
