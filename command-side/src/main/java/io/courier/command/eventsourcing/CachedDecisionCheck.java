package io.courier.command.eventsourcing;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Lets a command decide on cached aggregates without reading the event store first, and makes sure the answer
 * did not come from a stale one before it leaves (see {@link UpToDateCachingRepository}). A stale decision is
 * replaced by a {@link ConcurrencyException}, which the gateway retries on fresh state: its rejection, if it
 * was one, is not kept even as a cause, so that no caller looking for a rejection finds it.
 * <p>
 * Must run inside the interceptor that turns rejections into their cross-node form, so that it sees the
 * rejection itself, and inside the transaction, so that the confirming read is part of it.
 */
public final class CachedDecisionCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!unitOfWork.isRoot()) {
            // a command sent by a handler: its aggregates are the root's, checked before the root's answer leaves
            return chain.proceed();
        }
        UnconfirmedAggregates unconfirmed = UnconfirmedAggregates.track(unitOfWork);
        Object answer;
        try {
            answer = chain.proceed();
        } catch (Exception failure) {
            confirmBefore(failure, unconfirmed);
            throw failure;
        }
        unconfirmed.confirm(true);
        return answer;
    }

    private static void confirmBefore(Exception failure, UnconfirmedAggregates unconfirmed) {
        try {
            unconfirmed.confirm(false);
        } catch (ConcurrencyException stale) {
            throw stale;
        } catch (RuntimeException unconfirmable) {
            // the read failed: the failure may have come from stale state, so it is no answer either
            unconfirmable.addSuppressed(failure);
            throw unconfirmable;
        }
    }
}
