package io.courier.gateway.operations.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What an event processor did with each event (handled, ignored as none of its handlers takes it, failed), and
 * how old the last event it handled was when it did: a latency that grows is a processor falling behind.
 */
final class ProcessedEvents implements MessageMonitor<Message<?>> {

    private final Counter handled;
    private final Counter ignored;
    private final Counter failed;
    private final AtomicLong latencyMillis = new AtomicLong();

    ProcessedEvents(MeterRegistry registry, String processorName) {
        handled = counter(registry, processorName, "handled");
        ignored = counter(registry, processorName, "ignored");
        failed = counter(registry, processorName, "failed");
        Gauge.builder("eventProcessor.latency", latencyMillis, AtomicLong::get).tag("processorName", processorName)
                .baseUnit("milliseconds").register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                handled.increment();
                if (message instanceof EventMessage<?> event) {
                    latencyMillis.set(Math.max(0, System.currentTimeMillis() - event.getTimestamp().toEpochMilli()));
                }
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }

    private static Counter counter(MeterRegistry registry, String processorName, String outcome) {
        return Counter.builder("eventProcessor.events").tag("processorName", processorName).tag("outcome", outcome)
                .register(registry);
    }
}
