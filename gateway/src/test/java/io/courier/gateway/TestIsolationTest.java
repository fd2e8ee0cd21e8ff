package io.courier.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build hides the developer's own database settings from the tests (see the surefire configuration),
 * so a test that forgets to give the server a directory of its own still never touches real data.
 */
class TestIsolationTest {

    @Test
    void tests_never_see_the_users_database_settings() {
        assertThat(System.getenv("DATABASE_URL")).as("DATABASE_URL").isNull();
        assertThat(System.getenv("AXON_SERVER_ENABLED")).as("AXON_SERVER_ENABLED").isNull();
        assertThat(System.getenv("COURIER_DATA_DIR")).as("COURIER_DATA_DIR").isNotNull();
        assertThat(Path.of(System.getenv("COURIER_DATA_DIR")).toAbsolutePath().normalize())
                .startsWithRaw(Path.of("target").toAbsolutePath());
    }
}
