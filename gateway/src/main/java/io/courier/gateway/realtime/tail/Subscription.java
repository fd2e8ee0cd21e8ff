package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * One stream's subscription to the {@link EventTail}: its key, and its position, the union of everything it has
 * been handed, which is where its client resumes. The position is written by one thread at a time: the catch-up
 * thread, then (after a hand-over under the tail's lock) the tail's thread.
 */
public final class Subscription {

    private final EventTail tail;
    private final StreamKey key;
    private final TailListener listener;
    private final String startCursor;
    private GapAwareTrackingToken position;
    /** A client's cursor the tail has not reached yet (it came from a node ahead of this one): events it saw are skipped. */
    private GapAwareTrackingToken floor;
    private volatile boolean cancelled;

    Subscription(EventTail tail, StreamKey key, TailListener listener, GapAwareTrackingToken start) {
        this.tail = tail;
        this.key = key;
        this.listener = listener;
        this.position = start;
        this.startCursor = Cursor.encode(start);
    }

    public StreamKey key() {
        return key;
    }

    /** Where a client resumes that has received nothing of this subscription yet. */
    public String startCursor() {
        return startCursor;
    }

    /** Stops delivery; safe to call from any thread, more than once. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            tail.remove(this);
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    TailListener listener() {
        return listener;
    }

    GapAwareTrackingToken position() {
        return position;
    }

    void skipUntilSeen(GapAwareTrackingToken floor) {
        this.floor = floor;
    }

    /** A live event for this key; on the tail's thread under its lock. */
    void deliverLive(TailEvent event) {
        if (floor != null) {
            if (Positions.seen(floor, event.index())) {
                advance(event);
                return;
            }
            if (Positions.covers(event.position(), floor)) {
                floor = null;
            }
        }
        listener.onEvent(event, advance(event));
    }

    /** An event for this key while catching up; false when the stream has ended. */
    boolean deliverCatchUp(TailEvent event) {
        return listener.onCatchUp(event, advance(event));
    }

    /** Events not for this key were read while catching up: they need not be read again. */
    void passed(GapAwareTrackingToken read) {
        position = Positions.union(position, read);
    }

    /** The cursor of a client that has seen {@code event} and everything this subscription was handed before it. */
    private String advance(TailEvent event) {
        if (Positions.covers(event.position(), position)) {
            position = event.position();
            return event.cursor();
        }
        position = Positions.union(position, event.position());
        return Cursor.encode(position);
    }
}
