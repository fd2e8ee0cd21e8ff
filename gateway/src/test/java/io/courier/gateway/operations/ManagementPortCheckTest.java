package io.courier.gateway.operations;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementPortCheckTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ManagementPortCheck.class);

    @Test
    void metrics_on_the_public_port_stop_start_up_naming_the_variable() {
        context.withPropertyValues("server.port=8080", "management.server.port=8080").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("MANAGEMENT_PORT");
        });
    }

    @Test
    void a_separate_or_disabled_management_port_is_accepted() {
        context.withPropertyValues("server.port=8080", "management.server.port=8081")
                .run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("management.server.port=-1")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
