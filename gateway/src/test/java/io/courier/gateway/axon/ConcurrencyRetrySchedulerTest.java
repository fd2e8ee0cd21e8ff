package io.courier.gateway.axon;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrencyRetryScheduler scheduler = new ConcurrencyRetryScheduler(executor, 3, 5);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void an_append_that_lost_to_another_on_the_same_aggregate_is_retried() {
        assertThat(scheduler.isExplicitlyNonTransient(new ConcurrencyException("lost"))).isFalse();
        assertThat(scheduler.isExplicitlyNonTransient(new IllegalStateException("wrapped",
                new ConcurrencyException("lost")))).isFalse();
    }

    @Test
    void creating_an_aggregate_another_created_first_is_retried_too() {
        // two copies of one message group post: the retry finds the group and answers it
        assertThat(scheduler.isExplicitlyNonTransient(new AggregateStreamCreationException("exists"))).isFalse();
    }

    @Test
    void rejections_and_other_failures_are_answers_never_retried() {
        assertThat(scheduler.isExplicitlyNonTransient(new CommandExecutionException("no", null,
                null))).isTrue();
        assertThat(scheduler.isExplicitlyNonTransient(new CommandRejectedException(RejectionCode.NOT_FOUND,
                "Not found"))).isTrue();
        assertThat(scheduler.isExplicitlyNonTransient(new IllegalStateException("bug"))).isTrue();
    }
}
