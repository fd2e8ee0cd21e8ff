package io.courier.gateway.operations.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.stereotype.Component;

/**
 * Axon's command bus, query bus and event processors, measured into Micrometer for the operator's Prometheus
 * scrape: {@code commandBus_handled_seconds} and {@code queryBus_handled_seconds} by payload type and outcome,
 * {@code eventProcessor_events_total} by processor and outcome, and {@code eventProcessor_latency} (milliseconds
 * from an event's timestamp to its handling) by processor.
 * <p>
 * In place of Axon's own micrometer monitors ({@code axon.metrics.auto-configuration.enabled: false}): for every
 * message and every processor, those kept each measurement for a sliding window of time in a skip list. At a few
 * thousand posts a second that was over a million entries, 120 MB that outlived every young collection; copying
 * them made the collector's pauses 20 to 40 ms, the benchmark's p99. These keep counters and timers only.
 */
@Component
class AxonMessageMetrics implements ConfigurerModule {

    private final MeterRegistry registry;

    AxonMessageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(configuration -> this::monitorOf);
    }

    MessageMonitor<Message<?>> monitorOf(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new ProcessedEvents(registry, componentName);
        }
        if (CommandBus.class.isAssignableFrom(componentType)) {
            return new HandledMessages(registry, "commandBus.handled");
        }
        if (QueryBus.class.isAssignableFrom(componentType)) {
            return new HandledMessages(registry, "queryBus.handled");
        }
        return NoOpMessageMonitor.instance();
    }
}
