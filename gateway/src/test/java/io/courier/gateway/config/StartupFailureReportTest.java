package io.courier.gateway.config;

import io.courier.gateway.support.CourierProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees when a start is refused: Spring Boot's short report, not a stack trace. */
class StartupFailureReportTest {

    @TempDir
    Path dataDirectory;

    @AfterEach
    void stopLeftOverPostgres() {
        CourierProcess.stopPostgresLeftIn(dataDirectory);
    }

    @Test
    void production_without_secrets_prints_a_short_report_naming_both_variables(TestInfo test) {
        try (CourierProcess server = CourierProcess.start(dataDirectory, CourierProcess.logFile(test, "production"),
                Map.of("SPRING_PROFILES_ACTIVE", "production"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(server.output())
                    .contains("APPLICATION FAILED TO START")
                    .containsPattern("Description:\\s+The production profile needs: SECRET_KEY_BASE [^\\n]*; VAULT_KEY ")
                    .containsPattern("Action:\\s+Set the environment variables named above")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }
}
