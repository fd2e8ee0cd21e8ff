package io.courier.command.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants that events carry. PostgreSQL keeps microseconds; an instant with nanoseconds would be stored
 * rounded, and history cursors, which compare a stored instant with one from an event, would then miss.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
