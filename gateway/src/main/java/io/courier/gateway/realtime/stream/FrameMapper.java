package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.tail.TailEvent;

/** Turns an event for a stream into what this stream's subscriber sees of it; null: nothing. */
@FunctionalInterface
public interface FrameMapper {

    Mapped map(TailEvent event, String cursor);
}
