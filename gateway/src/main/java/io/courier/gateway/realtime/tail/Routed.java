package io.courier.gateway.realtime.tail;

import java.util.Set;

/**
 * What the router made of an event: the streams it concerns, and whatever the frames for them need besides the
 * event itself (display names, the roster), looked up once for all subscribers.
 *
 * @param weight estimated bytes the event holds in memory, for the window's bound
 */
public record Routed(Set<StreamKey> keys, Object detail, long weight) {

    public static final Routed NOBODY = new Routed(Set.of(), null, 64);
}
