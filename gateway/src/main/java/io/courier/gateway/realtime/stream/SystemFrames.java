package io.courier.gateway.realtime.stream;

import io.courier.api.account.DisplayNameChanged;
import io.courier.gateway.realtime.tail.TailEvent;

/** What {@code system.general} shows of stored events: display-name changes. */
final class SystemFrames implements FrameMapper {

    static final SystemFrames INSTANCE = new SystemFrames();

    private SystemFrames() {
    }

    @Override
    public Mapped map(TailEvent event, String cursor) {
        if (event.payload() instanceof DisplayNameChanged renamed
                && event.routed().detail() instanceof Renamed name) {
            return Mapped.of(new Frame("update_display_name", cursor,
                    new Payloads.DisplayNameUpdated(renamed.userId(), name.name())));
        }
        return null;
    }
}
