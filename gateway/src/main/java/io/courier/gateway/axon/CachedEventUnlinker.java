package io.courier.gateway.axon;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Clears the links out of the nodes that have left Axon's event cache. {@link EmbeddedEventStore} caches recent
 * events for its consumers in a singly linked list and never unlinks a node it trims: once a node has lived through
 * enough young collections to be promoted, the dead node keeps its successor reachable from the old generation, that
 * one the next, and so on. Every event fetched is then copied through the survivor spaces into the old generation
 * until a concurrent cycle and mixed collections break the chain. Posting at 2,000 groups/s that was 15 to 20 MB
 * promoted per young collection, pauses of 20 to 38 ms instead of 5 to 7, and the heap after a collection climbing
 * from 180 to 300 MB between mixed collections; each pause queued some 60 posts, and the p99 latency came from
 * those queues (AxonFramework issue 2954; Axon 5 drops the cache).
 * <p>
 * A daemon thread follows the list every {@value #PERIOD_MILLIS} ms and clears the link of each node before the
 * cache's oldest one, as {@code LinkedBlockingQueue} does with its own nodes. Only nodes that already have a
 * successor are touched, so the producer, which links only the newest node, never races with it. A consumer still on
 * such a node is behind the cache: Axon checks that before following a link, and the consumer reads from the store.
 * <p>
 * It reads two private fields of Axon 4.13, resolved when it is made: an Axon version without them stops start-up
 * (and {@code CachedEventUnlinkerTest}) instead of silently doing nothing.
 */
final class CachedEventUnlinker implements AutoCloseable {

    static final long PERIOD_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(CachedEventUnlinker.class);

    private final EmbeddedEventStore store;
    private final Field oldest;
    private final Field next;
    private final Thread thread;
    private volatile boolean closed;
    private Object cursor; // the unlinking thread's own: the first node not unlinked yet

    CachedEventUnlinker(EmbeddedEventStore store) {
        this.store = store;
        try {
            this.oldest = EmbeddedEventStore.class.getDeclaredField("oldest");
            this.next = Class.forName(EmbeddedEventStore.class.getName() + "$Node").getDeclaredField("next");
            oldest.setAccessible(true);
            next.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException changed) {
            throw new IllegalStateException("Axon's EmbeddedEventStore no longer caches events as Axon 4.13 did: "
                    + "review CachedEventUnlinker", changed);
        }
        this.thread = new Thread(this::run, "event-cache-unlinker");
        thread.setDaemon(true);
    }

    CachedEventUnlinker start() {
        thread.start();
        return this;
    }

    /** Clears the links of the nodes from the last one seen up to the cache's oldest; returns how many. */
    int unlinkTrimmed() throws IllegalAccessException {
        Object oldestNode = oldest.get(store);
        if (oldestNode == null) {
            return 0;
        }
        if (cursor == null) {
            cursor = oldestNode;
        }
        int unlinked = 0;
        while (cursor != oldestNode) {
            Object following = next.get(cursor);
            if (following == null) {
                // not on the cache's chain (cannot happen with Axon 4.13): start again from its oldest node
                cursor = oldestNode;
                break;
            }
            next.set(cursor, null);
            cursor = following;
            unlinked++;
        }
        return unlinked;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                unlinkTrimmed();
            } catch (InterruptedException stopping) {
                return;
            } catch (IllegalAccessException | RuntimeException unexpected) {
                log.warn("Could not unlink events that left the event cache; they may reach the old generation", unexpected);
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(1_000);
    }
}
