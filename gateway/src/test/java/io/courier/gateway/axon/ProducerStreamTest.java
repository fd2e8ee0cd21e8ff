package io.courier.gateway.axon;

import io.courier.api.conversation.ConversationRead;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's producer (the one reader that may block) reads a stream that ends with the first batch that is
 * not full, since it fetches again by itself whenever it found events; a consumer reading on its own (catching up,
 * replaying) still reads until a fetch comes back empty, so it also sees what was appended while it read.
 */
@CourierIntegrationTest
class ProducerStreamTest {

    @Autowired
    EventStorageEngine storage;

    @Test
    void the_producers_stream_ends_with_the_first_batch_that_is_not_full() {
        String conversation = UUID.randomUUID().toString();
        int batch = ((BatchingEventStorageEngine) storage).batchSize();
        Iterator<? extends TrackedEventMessage<?>> producer = streamOfNew(conversation, batch + batch / 2, true);

        appendReadMarkers(conversation, batch + batch / 2, 1);

        assertThat(remainingOf(producer, conversation)).isZero();
    }

    @Test
    void a_consumer_reading_on_its_own_reads_on_until_a_fetch_is_empty() {
        String conversation = UUID.randomUUID().toString();
        int batch = ((BatchingEventStorageEngine) storage).batchSize();
        Iterator<? extends TrackedEventMessage<?>> consumer = streamOfNew(conversation, batch + batch / 2, false);

        appendReadMarkers(conversation, batch + batch / 2, 1);

        assertThat(remainingOf(consumer, conversation)).isEqualTo(1);
    }

    /** A stream from the head, read up to the last of {@code count} read markers appended to a new conversation. */
    private Iterator<? extends TrackedEventMessage<?>> streamOfNew(String conversation, int count, boolean mayBlock) {
        TrackingToken head = storage.createHeadToken();
        appendReadMarkers(conversation, 0, count);
        Iterator<? extends TrackedEventMessage<?>> stream = storage.readEvents(head, mayBlock).iterator();
        int seen = 0;
        while (seen < count) {
            assertThat(stream.hasNext()).as("event %d of %d", seen, count).isTrue();
            if (isOf(stream.next(), conversation)) {
                seen++;
            }
        }
        return stream;
    }

    private static int remainingOf(Iterator<? extends TrackedEventMessage<?>> stream, String conversation) {
        int remaining = 0;
        for (int i = 0; i < 1_000 && stream.hasNext(); i++) {
            if (isOf(stream.next(), conversation)) {
                remaining++;
            }
        }
        return remaining;
    }

    private static boolean isOf(TrackedEventMessage<?> event, String conversation) {
        return event instanceof DomainEventMessage<?> domainEvent
                && domainEvent.getAggregateIdentifier().equals(conversation);
    }

    private void appendReadMarkers(String conversation, int firstSequenceNumber, int count) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("Conversation", conversation, firstSequenceNumber + i,
                    new ConversationRead(UUID.fromString(conversation), UUID.randomUUID(), Instant.now())));
        }
        storage.appendEvents(events);
    }
}
