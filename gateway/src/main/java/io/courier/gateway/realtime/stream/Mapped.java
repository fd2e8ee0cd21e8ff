package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.RealtimeError;

/**
 * What an event means for one stream: a frame, and possibly the end of the stream after it (a member who left
 * its conversation).
 */
public record Mapped(Frame frame, RealtimeError endAfter) {

    public static Mapped of(Frame frame) {
        return new Mapped(frame, null);
    }
}
