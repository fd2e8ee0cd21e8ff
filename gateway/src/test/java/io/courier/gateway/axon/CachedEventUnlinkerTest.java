package io.courier.gateway.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that left the embedded store's cache are unlinked from it, and every consumer still sees every event in
 * order: those keeping up, and those that fell behind the cache.
 */
class CachedEventUnlinkerTest {

    private static final int CACHED = 50;

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .cachedEvents(CACHED)
            .build();
    private final CachedEventUnlinker unlinker = new CachedEventUnlinker(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void nodes_that_left_the_cache_lose_their_link_and_a_consumer_keeping_up_sees_every_event() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> consumer = store.openStream(null)) {
            // a new consumer reads what is stored by itself, then follows the cache, which its first wait starts
            publish(0, 5);
            assertThat(read(consumer, 5)).isEqualTo(payloads(0, 5));
            assertThat(consumer.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            publishAndRead(consumer, 5, 100);
            Object oldestThen = oldestNode();
            assertThat(oldestThen).as("the cache").isNotNull();
            assertThat(unlinker.unlinkTrimmed()).as("the first look only notes where the cache starts").isZero();

            publishAndRead(consumer, 100, 200);

            assertThat(unlinker.unlinkTrimmed()).isEqualTo(100);
            assertThat(next(oldestThen)).as("a node that left the cache").isNull();
            assertThat(next(oldestNode())).as("the cache itself").isNotNull();
            publish(200, 210);
            assertThat(read(consumer, 10)).isEqualTo(payloads(200, 210));
        }
    }

    @Test
    void a_consumer_left_behind_the_cache_reads_on_from_the_store() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> fast = store.openStream(null);
             BlockingStream<TrackedEventMessage<?>> slow = store.openStream(null)) {
            publish(0, 5);
            assertThat(read(fast, 5)).isEqualTo(payloads(0, 5));
            assertThat(read(slow, 5)).isEqualTo(payloads(0, 5));
            assertThat(fast.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(slow.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();

            publish(5, 25); // both now follow the cache
            assertThat(read(fast, 20)).isEqualTo(payloads(5, 25));
            assertThat(read(slow, 20)).isEqualTo(payloads(5, 25));
            unlinker.unlinkTrimmed(); // notes where the cache starts: before the slow consumer's node

            publishAndRead(fast, 25, 140);
            assertThat(unlinker.unlinkTrimmed()).isGreaterThanOrEqualTo(140 - CACHED - 25);

            // the slow consumer stands on a node whose link is gone, and reads on from the store
            assertThat(read(slow, 115)).isEqualTo(payloads(25, 140));
        }
    }

    @Test
    void an_axon_without_the_cache_it_knows_stops_start_up_rather_than_doing_nothing() throws Exception {
        // what the constructor relies on, spelled out: the two private fields of Axon 4.13
        assertThat(EmbeddedEventStore.class.getDeclaredField("oldest").getType().getName())
                .isEqualTo(EmbeddedEventStore.class.getName() + "$Node");
        assertThat(Class.forName(EmbeddedEventStore.class.getName() + "$Node").getDeclaredField("next")).isNotNull();
    }

    /** In steps smaller than the cache, so that the consumer keeps up and follows the cache. */
    private void publishAndRead(BlockingStream<TrackedEventMessage<?>> consumer, int from, int to) throws InterruptedException {
        for (int step = from; step < to; step += 20) {
            int end = Math.min(to, step + 20);
            publish(step, end);
            assertThat(read(consumer, end - step)).isEqualTo(payloads(step, end));
        }
    }

    /**
     * One event at a time: Axon's in-memory engine stores a batch through a hash map, out of order, and a producer
     * fetching meanwhile can see a later event before an earlier one and skip it (seen in CI: events 95 and 96).
     */
    private void publish(int from, int to) {
        IntStream.range(from, to).forEach(i -> store.publish(GenericEventMessage.asEventMessage("event-" + i)));
    }

    private static List<String> payloads(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event-" + i).toList();
    }

    private static List<String> read(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        while (payloads.size() < count && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
            payloads.add((String) stream.nextAvailable().getPayload());
        }
        return payloads;
    }

    private Object oldestNode() throws ReflectiveOperationException {
        Field oldest = EmbeddedEventStore.class.getDeclaredField("oldest");
        oldest.setAccessible(true);
        return oldest.get(store);
    }

    private static Object next(Object node) throws ReflectiveOperationException {
        Field next = node.getClass().getDeclaredField("next");
        next.setAccessible(true);
        return next.get(node);
    }
}
