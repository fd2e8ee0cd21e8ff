package io.courier.gateway.realtime;

import io.courier.gateway.realtime.security.SessionWatch;
import io.courier.gateway.realtime.tail.EventTail;
import io.courier.gateway.realtime.transport.Connections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** What an operator watches of the real-time side, on {@code /actuator/prometheus}. */
@Component
class RealtimeMetrics {

    RealtimeMetrics(MeterRegistry registry, Connections connections, EventTail tail, SessionWatch sessions) {
        Gauge.builder("courier.realtime.connections", connections, Connections::count)
                .description("Open RSocket connections on this node").register(registry);
        Gauge.builder("courier.realtime.streams", tail, EventTail::liveSubscriptions)
                .description("Streams receiving live events on this node").register(registry);
        Gauge.builder("courier.realtime.window.events", tail, t -> t.windowSize()[0])
                .description("Recent events kept in memory for resumes").register(registry);
        Gauge.builder("courier.realtime.window.bytes", tail, t -> t.windowSize()[1])
                .description("Estimated bytes of those events").baseUnit("bytes").register(registry);
        Gauge.builder("courier.realtime.watched", sessions, SessionWatch::watched)
                .description("Streams and connections kept to their token's lifetime").register(registry);
    }
}
