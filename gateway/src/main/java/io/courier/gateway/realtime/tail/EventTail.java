package io.courier.gateway.realtime.tail;

import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.RealtimeProperties;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one reader of the event store that feeds every real-time stream of this node. A dedicated thread follows
 * the store from its head (Axon's embedded store, which fetches right after a local commit and when the cluster
 * signals wake it, so events appended by any node arrive), asks the {@link EventRouter} whom each event is for,
 * and hands it to the subscriptions of those streams, in store order. It is independent of the event processors:
 * replaying or resetting a projection never touches it.
 * <p>
 * A bounded window of recent events is kept in memory. A client that resumes from a cursor catches up on a small
 * pool of catch-up threads, at its own pace (its task gives the thread back while the client has no room): from
 * the store while its cursor is older than the window, then from the window, and is then handed over to live
 * delivery under the same lock that live delivery takes, so no event falls between the two or comes twice.
 * Positions decide what was seen (gaps included), never indexes alone.
 */
@Component
public class EventTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventTail.class);

    /** The tail starts this many events before the head, so that transactions in flight at start-up are not lost. */
    static final int START_MARGIN = 256;
    /** Events read from the store per catch-up round before looking at the window again. */
    private static final int CATCH_UP_BATCH = 256;
    private static final int CATCH_UP_THREADS = 4;
    /** A client catching up that makes no room for this long is cut off. */
    static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(60);
    /** How often a catch-up waiting for room looks again. */
    private static final Duration ROOM_POLL = Duration.ofMillis(20);

    private final EventStore eventStore;
    private final EventRouter router;
    private final int windowEvents;
    private final long windowBytes;
    private final ExecutorService catchUps;
    private final List<Consumer<TailEvent>> observers = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<TailEvent> window = new ArrayDeque<>();
    private long windowWeight;
    private GapAwareTrackingToken baseline;
    private GapAwareTrackingToken position;
    private final Map<StreamKey, List<Subscription>> live = new HashMap<>();
    private int liveCount;

    private volatile boolean running;
    private Thread thread;

    EventTail(EventStore eventStore, EventRouter router, RealtimeProperties properties) {
        this.eventStore = eventStore;
        this.router = router;
        this.windowEvents = properties.windowEvents();
        this.windowBytes = properties.windowBytes();
        AtomicInteger threads = new AtomicInteger();
        this.catchUps = new ThreadPoolExecutor(CATCH_UP_THREADS, CATCH_UP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread catchUp = new Thread(runnable, "realtime-catch-up-" + threads.incrementAndGet());
            catchUp.setDaemon(true);
            return catchUp;
        });
        ((ThreadPoolExecutor) catchUps).allowCoreThreadTimeOut(true);
    }

    /**
     * Delivers events for {@code key} to {@code listener}: those after {@code after} (a client's cursor) and then
     * live ones, or only live ones when {@code after} is null.
     */
    public Subscription subscribe(StreamKey key, GapAwareTrackingToken after, TailListener listener) {
        if (after == null) {
            synchronized (lock) {
                Subscription subscription = new Subscription(this, key, listener, position);
                register(subscription);
                return subscription;
            }
        }
        Subscription subscription = new Subscription(this, key, listener, after);
        try {
            catchUps.execute(new CatchUp(subscription));
        } catch (RejectedExecutionException overloaded) {
            listener.onFailure(RealtimeError.of("server_busy", "Too many clients are catching up; retry shortly"));
        }
        return subscription;
    }

    /** {@code observer} sees every live event after its delivery, on the tail's thread; it must not block long. */
    public void observe(Consumer<TailEvent> observer) {
        observers.add(observer);
    }

    /** The position up to which events have been delivered. */
    public GapAwareTrackingToken position() {
        synchronized (lock) {
            return position;
        }
    }

    public int liveSubscriptions() {
        synchronized (lock) {
            return liveCount;
        }
    }

    void remove(Subscription subscription) {
        synchronized (lock) {
            List<Subscription> subscriptions = live.get(subscription.key());
            if (subscriptions != null && subscriptions.remove(subscription)) {
                liveCount--;
                if (subscriptions.isEmpty()) {
                    live.remove(subscription.key());
                }
            }
        }
    }

    // --- live

    @Override
    public void start() {
        GapAwareTrackingToken head = Positions.of(eventStore.createHeadToken());
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(Math.max(0, head.getIndex() - START_MARGIN), List.of());
        synchronized (lock) {
            baseline = start;
            position = start;
        }
        running = true;
        thread = new Thread(() -> follow(start), "realtime-event-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(GapAwareTrackingToken start) {
        GapAwareTrackingToken previous = start;
        while (running) {
            try (var stream = eventStore.openStream(previous)) {
                while (running) {
                    if (!stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    TailEvent event = read(previous, message);
                    synchronized (lock) {
                        append(event);
                        dispatch(event);
                    }
                    for (Consumer<TailEvent> observer : observers) {
                        observe(observer, event);
                    }
                    previous = event.position();
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                if (!running) {
                    return;
                }
                log.warn("The real-time event tail failed; it reopens from where it was", failure);
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void append(TailEvent event) {
        position = event.position();
        window.addLast(event);
        windowWeight += event.routed().weight();
        while (!window.isEmpty() && (window.size() > windowEvents || windowWeight > windowBytes)) {
            TailEvent evicted = window.removeFirst();
            windowWeight -= evicted.routed().weight();
            baseline = evicted.position();
        }
    }

    private void dispatch(TailEvent event) {
        for (StreamKey key : event.routed().keys()) {
            List<Subscription> subscriptions = live.get(key);
            if (subscriptions == null) {
                continue;
            }
            for (Subscription subscription : subscriptions) {
                try {
                    subscription.deliverLive(event);
                } catch (RuntimeException failure) {
                    log.error("A real-time stream failed to take an event", failure);
                    subscription.listener().onFailure(failure);
                }
            }
        }
    }

    private void observe(Consumer<TailEvent> observer, TailEvent event) {
        try {
            observer.accept(event);
        } catch (RuntimeException failure) {
            log.error("A real-time observer failed on an event", failure);
        }
    }

    private void register(Subscription subscription) {
        live.computeIfAbsent(subscription.key(), key -> new CopyOnWriteArrayList<>()).add(subscription);
        liveCount++;
    }

    // --- catching up

    /**
     * One client catching up, as a task that gives its thread back whenever the client has no room for more: it
     * looks again a little later (a client that makes no room for {@link #CATCH_UP_PATIENCE} is cut off with
     * {@code slow_consumer}). So a few clients that stopped reading can't hold up everyone else's resumes.
     */
    private final class CatchUp implements Runnable {

        private final Subscription subscription;
        private final TailListener listener;
        /** Events for this stream read (from the store or the window) but not delivered yet: no room. */
        private final Deque<TailEvent> carried = new ArrayDeque<>();
        private BlockingStream<TrackedEventMessage<?>> stream;
        private GapAwareTrackingToken streamAt;
        private long lastProgress = System.nanoTime();
        private boolean checked;

        CatchUp(Subscription subscription) {
            this.subscription = subscription;
            this.listener = subscription.listener();
        }

        @Override
        public void run() {
            try {
                if (!checked) {
                    refuseUnknownPosition(subscription.position());
                    checked = true;
                }
                while (!subscription.cancelled()) {
                    if (!deliverCarried()) {
                        return;
                    }
                    List<TailEvent> pending = handOverOrPending(subscription);
                    if (pending == null) {
                        close();
                        return; // live now
                    }
                    if (!pending.isEmpty()) {
                        close(); // the window holds the rest
                        carried.addAll(pending);
                        continue;
                    }
                    if (!readStore()) {
                        return;
                    }
                }
                close();
            } catch (InterruptedException stopping) {
                close();
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                close();
                listener.onFailure(failure);
            }
        }

        /** False when the client has no room (the task was rescheduled) or the stream ended. */
        private boolean deliverCarried() {
            while (!carried.isEmpty()) {
                if (listener.room() <= 0) {
                    return later();
                }
                TailEvent event = carried.poll();
                if (!Positions.seen(subscription.position(), event.index())) {
                    if (!subscription.deliverCatchUp(event)) {
                        close();
                        return false;
                    }
                    lastProgress = System.nanoTime();
                }
            }
            return true;
        }

        /** Reads a batch from the store; an event for this stream with no room for it is carried to the next run. */
        private boolean readStore() throws InterruptedException {
            if (stream == null) {
                stream = eventStore.openStream(subscription.position());
                streamAt = subscription.position();
            }
            for (int read = 0; read < CATCH_UP_BATCH && !subscription.cancelled()
                    && stream.hasNextAvailable(read == 0 ? 200 : 0, TimeUnit.MILLISECONDS); read++) {
                TailEvent event = read(streamAt, stream.nextAvailable());
                streamAt = event.position();
                if (!event.concerns(subscription.key())) {
                    subscription.passed(event.position());
                } else if (listener.room() > 0) {
                    if (!subscription.deliverCatchUp(event)) {
                        close();
                        return false;
                    }
                    lastProgress = System.nanoTime();
                } else {
                    carried.add(event); // nothing is read past it until it is delivered
                    return later();
                }
            }
            return true;
        }

        private boolean later() {
            if (System.nanoTime() - lastProgress > CATCH_UP_PATIENCE.toNanos()) {
                close();
                listener.onFailure(RealtimeError.of(RealtimeError.SLOW_CONSUMER,
                        "The client stopped reading while catching up; resume from the cursor"));
                return false;
            }
            Schedulers.parallel().schedule(this::resubmit, ROOM_POLL.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }

        private void resubmit() {
            if (subscription.cancelled()) {
                close();
                return;
            }
            try {
                catchUps.execute(this);
            } catch (RejectedExecutionException stopping) {
                close();
            }
        }

        private void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    /**
     * Under the lock: when the subscription has seen everything before the window, and what it has not seen in the
     * window fits its buffer, it takes those events and goes live (answers null). Otherwise it answers the window's
     * events it still needs (to take outside the lock, at the client's pace), or an empty list: read the store.
     */
    private List<TailEvent> handOverOrPending(Subscription subscription) {
        synchronized (lock) {
            if (!Positions.covers(subscription.position(), baseline)) {
                return List.of();
            }
            List<TailEvent> pending = new ArrayList<>();
            for (TailEvent event : window) {
                if (event.concerns(subscription.key()) && !Positions.seen(subscription.position(), event.index())) {
                    pending.add(event);
                }
            }
            if (pending.size() > subscription.listener().room()) {
                return pending;
            }
            GapAwareTrackingToken seen = subscription.position();
            for (TailEvent event : pending) {
                subscription.deliverLive(event);
            }
            subscription.passed(position);
            if (!Positions.covers(position, seen)) {
                subscription.skipUntilSeen(seen); // the client's cursor is ahead of this node's tail
            }
            if (!subscription.cancelled()) {
                register(subscription);
            }
            return null;
        }
    }

    /** A cursor past the head of the store was not made by any node: refuse it rather than wait for it. */
    private void refuseUnknownPosition(GapAwareTrackingToken cursor) {
        GapAwareTrackingToken known = position();
        if (cursor.getIndex() <= known.getIndex()) {
            return;
        }
        if (cursor.getIndex() > Positions.of(eventStore.createHeadToken()).getIndex()) {
            throw RealtimeError.of(RealtimeError.INVALID_REQUEST, "The cursor names no position of this server");
        }
    }

    private TailEvent read(GapAwareTrackingToken previous, TrackedEventMessage<?> message) {
        GapAwareTrackingToken after = Positions.of(message.trackingToken());
        long index = EventIndexes.between(previous, after);
        Object payload;
        try {
            payload = message.getPayload();
        } catch (RuntimeException unreadable) {
            // an event type this build does not know (written by a newer node): nobody's stream needs it
            log.debug("Skipping an unreadable event at index {}: {}", index, unreadable.toString());
            return new TailEvent(index, after, Cursor.encode(after), null, message.getTimestamp(), Routed.NOBODY);
        }
        Routed routed;
        try {
            routed = payload == null ? Routed.NOBODY : router.route(payload, message.getTimestamp());
        } catch (RuntimeException failure) {
            log.error("Could not route event {} at index {}; no stream gets it", message.getPayloadType().getSimpleName(),
                    index, failure);
            routed = Routed.NOBODY;
        }
        return new TailEvent(index, after, Cursor.encode(after), payload, message.getTimestamp(), routed);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        catchUps.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's event store is up, before the web server takes connections; stops after the server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }

    /** The window's size and weight; for tests and metrics. */
    public long[] windowSize() {
        synchronized (lock) {
            return new long[] {window.size(), windowWeight};
        }
    }
}
