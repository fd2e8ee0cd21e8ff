package io.courier.gateway.conversation;

import java.time.Instant;

/** Event times, microsecond-precise like the command side's; tests use their own ids, so times may repeat. */
final class Moments {

    static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

    private Moments() {
    }

    static Instant at(long seconds) {
        return START.plusSeconds(seconds);
    }

    static Instant atMicros(long micros) {
        return START.plusNanos(micros * 1000);
    }
}
