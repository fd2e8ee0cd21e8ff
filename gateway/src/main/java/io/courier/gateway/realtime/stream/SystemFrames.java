package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.tail.TailEvent;

/** What {@code system.general} shows of stored events: display-name changes (once accounts have them). */
final class SystemFrames implements FrameMapper {

    static final SystemFrames INSTANCE = new SystemFrames();

    private SystemFrames() {
    }

    @Override
    public Mapped map(TailEvent event, String cursor) {
        return null;
    }
}
