package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.tail.TailEvent;
import io.courier.gateway.realtime.tail.TailListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The frames of one stream on their way to one client, with backpressure: frames wait in a bounded buffer until
 * the client asks for them ({@code request(n)}), and are written on a Reactor worker, never on the thread that
 * produced them (the event tail serves every stream of the node and must not wait for one). A live frame that
 * finds the buffer full ends the stream with {@code slow_consumer}, carrying the cursor of the last frame the
 * client received: it resumes from there and loses nothing, and it never slows others or holds more than the
 * buffer. While catching up from a cursor, the event tail gives it events only while it has room: the client's
 * pace.
 * <p>
 * First frames ({@code joined}, {@code presence_state}) go out before any other; until they are given, nothing
 * is written (events meanwhile wait in the buffer).
 */
public final class FrameStream implements TailListener {

    private static final Scheduler WRITERS = Schedulers.parallel();

    private final int capacity;
    private final FrameMapper mapper;
    private final Queue<Frame> first = new ConcurrentLinkedQueue<>();
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final List<Disposable> resources = new CopyOnWriteArrayList<>();

    private volatile FluxSink<Frame> sink;
    private volatile boolean started;
    private volatile boolean finished;
    private volatile Throwable endNow;
    private volatile Throwable endWhenDrained;
    private volatile String lastCursor;
    private volatile String startCursor;

    public FrameStream(int capacity, FrameMapper mapper) {
        this.capacity = capacity;
        this.mapper = mapper;
    }

    /** The stream as the client sees it; {@code onSubscribe} starts its sources when the client subscribes. */
    public Flux<Frame> flux(Consumer<FrameStream> onSubscribe) {
        return Flux.create(created -> {
            sink = created;
            created.onRequest(requested -> signal());
            created.onDispose(this::release);
            try {
                onSubscribe.accept(this);
            } catch (RuntimeException failure) {
                end(failure);
            }
            signal();
        });
    }

    /** Disposed when the stream ends, however it ends. */
    public void hold(Disposable resource) {
        resources.add(resource);
        if (finished) {
            resource.dispose();
        }
    }

    /** Where a client resumes that has received none of this stream's frames with a cursor. */
    public void startingAt(String cursor) {
        startCursor = cursor;
        if (lastCursor == null) {
            lastCursor = cursor;
        }
    }

    /** Where the stream's delivery began (the tail's position, or the client's cursor). */
    public String startCursor() {
        return startCursor;
    }

    /** Drops frames waiting in the buffer that {@code unwanted} matches (before the first frames go out). */
    public void drop(java.util.function.Predicate<Frame> unwanted) {
        int dropped = 0;
        for (java.util.Iterator<Frame> waiting = queue.iterator(); waiting.hasNext(); ) {
            if (unwanted.test(waiting.next())) {
                waiting.remove();
                dropped++;
            }
        }
        queued.addAndGet(-dropped);
    }

    /** The first frames, written before anything else; until they come, the stream writes nothing. */
    public void start(List<Frame> frames) {
        first.addAll(frames);
        started = true;
        signal();
    }

    /** An ephemeral frame (presence, typing) from outside the event tail. */
    public void push(Frame frame) {
        enqueue(frame);
    }

    /**
     * Ends the stream with {@code error} after one last frame (e.g. {@code session_revoked}), which goes out
     * before what the client has not taken yet; if the client does not ask for it within {@code patience}, the
     * stream ends without it.
     */
    public void endWith(Frame last, Throwable error, Duration patience) {
        if (finished || endNow != null) {
            return;
        }
        queue.clear();
        queued.set(0);
        first.add(last);
        started = true;
        endWhenDrained = error;
        signal();
        Schedulers.parallel().schedule(() -> end(error), patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Ends the stream at once with {@code error}, dropping what the client has not taken. */
    public void end(Throwable failure) {
        if (endNow == null && !finished) {
            endNow = failure;
            signal();
        }
    }

    // --- TailListener

    @Override
    public void onEvent(TailEvent event, String cursor) {
        Mapped mapped = mapper.map(event, cursor);
        if (mapped == null) {
            return;
        }
        if (mapped.frame() != null) {
            enqueue(mapped.frame());
        }
        if (mapped.endAfter() != null) {
            endWhenDrained = mapped.endAfter();
            signal();
        }
    }

    @Override
    public boolean onCatchUp(TailEvent event, String cursor) {
        onEvent(event, cursor);
        return !finished && endNow == null && endWhenDrained == null;
    }

    @Override
    public int room() {
        return capacity - queued.get();
    }

    @Override
    public void onFailure(Throwable failure) {
        end(failure);
    }

    // --- buffer and writer

    private void enqueue(Frame frame) {
        if (finished || endNow != null) {
            return;
        }
        if (queued.get() >= capacity) {
            end(RealtimeError.of(RealtimeError.SLOW_CONSUMER,
                    "The stream fell " + capacity + " frames behind; resume from the cursor"));
            return;
        }
        queued.incrementAndGet();
        queue.add(frame);
        signal();
    }

    private void signal() {
        if (wip.getAndIncrement() == 0) {
            WRITERS.schedule(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            FluxSink<Frame> out = sink;
            if (out != null && !finished) {
                write(out);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void write(FluxSink<Frame> out) {
        Throwable now = endNow;
        if (now != null) {
            finish(out, now);
            return;
        }
        if (!started) {
            return;
        }
        while (out.requestedFromDownstream() > 0 && !finished) {
            Frame frame = first.poll();
            if (frame == null) {
                frame = queue.poll();
                if (frame == null) {
                    break;
                }
                queued.decrementAndGet();
            }
            if (frame.cursor() != null) {
                lastCursor = frame.cursor();
            }
            out.next(frame);
        }
        Throwable graceful = endWhenDrained;
        if (graceful != null && first.isEmpty() && queue.isEmpty()) {
            finish(out, graceful);
        }
    }

    /** Every ending error names the cursor of the last frame the client received, to resume from. */
    private void finish(FluxSink<Frame> out, Throwable failure) {
        finished = true;
        queue.clear();
        queued.set(0);
        out.error(failure instanceof RealtimeError error && lastCursor != null ? error.with("cursor", lastCursor) : failure);
    }

    private void release() {
        finished = true;
        resources.forEach(Disposable::dispose);
        queue.clear();
        queued.set(0);
    }
}
