package io.courier.gateway.realtime.tail;

/** A stream's end of a {@link EventTail} subscription. */
public interface TailListener {

    /**
     * An event for this stream, live: called on the tail's thread, must not block. {@code cursor} is where a
     * client that has seen this event resumes.
     */
    void onEvent(TailEvent event, String cursor);

    /**
     * An event for this stream while catching up from a cursor, on a catch-up thread, given only while
     * {@link #room()} is positive. Answers false when the stream has ended and catching up should stop.
     */
    boolean onCatchUp(TailEvent event, String cursor);

    /** How many frames it can take now; a client catching up is given events only while there is room. */
    int room();

    /** Catching up failed; the stream should end. */
    void onFailure(Throwable failure);
}
