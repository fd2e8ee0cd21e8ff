package io.courier.gateway.axon;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Retries a command only when it lost an optimistic-concurrency race: another process appended to
 * the same aggregate first, so deciding again on fresh state is right. That is also how the command side
 * reports an answer it found was decided on a stale cached aggregate ({@code CachedDecisionCheck}). Every
 * other failure, and in particular a rejection, is an answer and is never retried.
 * <p>
 * Losing the race to create an aggregate is such a race too: two copies of one message group post both
 * found no group and the second first event broke the (aggregate, sequence number) key. Axon reports that
 * as an {@link AggregateStreamCreationException}, which is no {@link ConcurrencyException}; decided again,
 * the post finds the group the first copy created and answers it.
 */
final class ConcurrencyRetryScheduler extends IntervalRetryScheduler {

    ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries, int intervalMillis) {
        super(IntervalRetryScheduler.builder().retryExecutor(executor).maxRetryCount(maxRetries)
                .retryInterval(intervalMillis));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return false;
            }
        }
        return true;
    }
}
