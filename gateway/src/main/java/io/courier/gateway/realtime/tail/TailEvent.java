package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.time.Instant;

/**
 * One stored event as the tail hands it out.
 *
 * @param index    its global index
 * @param position the tail's position after it (it and everything the tail read before it)
 * @param cursor   {@code position} encoded for clients
 */
public record TailEvent(long index, GapAwareTrackingToken position, String cursor, Object payload, Instant timestamp,
                        Routed routed) {

    public boolean concerns(StreamKey key) {
        return routed.keys().contains(key);
    }
}
