package io.courier.gateway.realtime.tail;

import java.time.Instant;

/** Decides whom an event is for; runs once per event on the tail's thread (or a catch-up thread), may block briefly. */
public interface EventRouter {

    Routed route(Object payload, Instant timestamp);
}
