package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.FindConversation;
import io.courier.api.conversation.FindPrivateConversation;
import io.courier.api.conversation.ListConversations;
import io.courier.api.message.FindMessageHistory;
import io.courier.api.message.HistoryCursor;
import io.courier.api.message.MessagePage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.ApplicationContext;

import java.util.List;
import java.util.UUID;

/**
 * The conversation and message projections driven directly with events (as their processors would, but
 * synchronously), and the query handlers asked through the query gateway, no HTTP in between.
 */
final class ReadSide {

    private final List<AnnotationEventHandlerAdapter> projections;
    private final QueryGateway queries;

    ReadSide(ApplicationContext context, QueryGateway queries) {
        // the projections are package-private beans; Axon's adapter invokes them as their processors do
        this.projections = List.of(new AnnotationEventHandlerAdapter(context.getBean("conversationProjection")),
                new AnnotationEventHandlerAdapter(context.getBean("messageProjection")));
        this.queries = queries;
    }

    /** Each event on its own, as a processor outside a batch would. */
    void apply(Object... events) {
        for (Object event : events) {
            handle(GenericEventMessage.asEventMessage(event));
        }
    }

    /** Every event delivered twice in a row, as after a failed batch. */
    void applyTwice(Object... events) {
        for (Object event : events) {
            apply(event, event);
        }
    }

    /** The events as one batch of a tracking processor: one unit of work, committed at the end. */
    void applyInOneBatch(Object... events) {
        applyInOneBatch(() -> { }, events);
    }

    /** As {@link #applyInOneBatch(Object...)}, running {@code beforeCommit} after the last event is handled. */
    void applyInOneBatch(Runnable beforeCommit, Object... events) {
        UnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(events[0]));
        try {
            for (Object event : events) {
                handle(GenericEventMessage.asEventMessage(event));
            }
            beforeCommit.run();
        } catch (RuntimeException | AssertionError e) {
            batch.rollback(e);
            throw e;
        }
        batch.commit();
    }

    private void handle(EventMessage<?> event) {
        boolean handled = false;
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(event)) {
                try {
                    projection.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("Projection failed on " + event.getPayloadType().getSimpleName(), e);
                }
                handled = true;
            }
        }
        if (!handled) {
            throw new IllegalArgumentException("No projection handles " + event.getPayloadType().getName());
        }
    }

    ConversationDetailView find(UUID conversationId, UUID caller) {
        return queries.query(new FindConversation(conversationId, caller),
                ResponseTypes.instanceOf(ConversationDetailView.class)).join();
    }

    ConversationDetailView findPrivate(UUID caller, UUID otherUserId) {
        return queries.query(new FindPrivateConversation(caller, otherUserId),
                ResponseTypes.instanceOf(ConversationDetailView.class)).join();
    }

    List<ConversationSummaryView> list(UUID caller) {
        return queries.query(new ListConversations(caller),
                ResponseTypes.multipleInstancesOf(ConversationSummaryView.class)).join();
    }

    ConversationSummaryView summary(UUID caller, UUID conversationId) {
        return list(caller).stream().filter(summary -> summary.conversationId().equals(conversationId))
                .findFirst().orElse(null);
    }

    /** The newest page of the caller's history. */
    MessagePage newest(UUID conversationId, UUID caller, int limit) {
        return history(conversationId, caller, null, limit);
    }

    /** The page after the one that handed out {@code nextPageToken}. */
    MessagePage older(UUID conversationId, UUID caller, String nextPageToken, int limit) {
        return history(conversationId, caller, HistoryCursor.parse(nextPageToken).orElseThrow(), limit);
    }

    private MessagePage history(UUID conversationId, UUID caller, HistoryCursor before, int limit) {
        return queries.query(new FindMessageHistory(conversationId, caller, before, limit),
                ResponseTypes.instanceOf(MessagePage.class)).join();
    }
}
