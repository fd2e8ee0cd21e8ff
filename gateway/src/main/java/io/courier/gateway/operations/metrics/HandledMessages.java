package io.courier.gateway.operations.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** How long a bus took to handle each message, by payload type and outcome; one map look-up per message. */
final class HandledMessages implements MessageMonitor<Message<?>> {

    private final MeterRegistry registry;
    private final String name;
    private final Map<Class<?>, Outcomes> byPayloadType = new ConcurrentHashMap<>();

    HandledMessages(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Outcomes outcomes = byPayloadType.computeIfAbsent(message.getPayloadType(), this::outcomes);
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                outcomes.success().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportFailure(Throwable cause) {
                outcomes.failure().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportIgnored() {
                outcomes.ignored().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Outcomes outcomes(Class<?> payloadType) {
        return new Outcomes(timer(payloadType, "success"), timer(payloadType, "failure"), timer(payloadType, "ignored"));
    }

    private Timer timer(Class<?> payloadType, String outcome) {
        return Timer.builder(name).tag("payloadType", payloadType.getSimpleName()).tag("outcome", outcome)
                .register(registry);
    }

    private record Outcomes(Timer success, Timer failure, Timer ignored) {
    }
}
