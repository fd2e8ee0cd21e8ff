package io.courier.gateway.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopThreadsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(EventLoopThreads.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(EventLoopThreads.PROPERTY);
        } else {
            System.setProperty(EventLoopThreads.PROPERTY, before);
        }
    }

    @Test
    void one_event_loop_per_core_by_default() {
        System.clearProperty(EventLoopThreads.PROPERTY);

        EventLoopThreads.onePerCore();

        assertThat(System.getProperty(EventLoopThreads.PROPERTY))
                .isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void an_operators_own_setting_wins() {
        System.setProperty(EventLoopThreads.PROPERTY, "7");

        EventLoopThreads.onePerCore();

        assertThat(System.getProperty(EventLoopThreads.PROPERTY)).isEqualTo("7");
    }
}
