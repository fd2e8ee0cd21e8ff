package io.courier.gateway.operations.metrics;

import io.courier.api.conversation.ConversationRead;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Counters and timers per message, nothing kept per message: what the operator's scrape shows. */
class AxonMessageMetricsTest {

    private record RenameProbe(String name) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AxonMessageMetrics metrics = new AxonMessageMetrics(registry);

    @Test
    void commands_are_timed_by_payload_type_and_outcome() {
        MessageMonitor<Message<?>> commandBus = metrics.monitorOf(SimpleCommandBus.class, "commandBus");
        RenameProbe logIn = new RenameProbe("Ada");

        commandBus.onMessageIngested(GenericCommandMessage.asCommandMessage(logIn)).reportSuccess();
        commandBus.onMessageIngested(GenericCommandMessage.asCommandMessage(logIn)).reportSuccess();
        commandBus.onMessageIngested(GenericCommandMessage.asCommandMessage(logIn))
                .reportFailure(new IllegalStateException("refused"));

        assertThat(registry.get("commandBus.handled").tags("payloadType", "RenameProbe", "outcome", "success").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("commandBus.handled").tags("payloadType", "RenameProbe", "outcome", "failure").timer().count())
                .isEqualTo(1);
    }

    @Test
    void a_processor_counts_what_it_did_with_each_event_and_how_old_the_last_one_it_handled_was() {
        MessageMonitor<Message<?>> processor = metrics.monitorOf(TrackingEventProcessor.class, "messages");
        Instant minuteAgo = Instant.now().minusSeconds(60);
        GenericEventMessage<ConversationRead> old = new GenericEventMessage<>(
                new GenericEventMessage<>(new ConversationRead(UUID.randomUUID(), UUID.randomUUID(), minuteAgo)),
                () -> minuteAgo);

        processor.onMessageIngested(old).reportSuccess();
        processor.onMessageIngested(old).reportIgnored();
        processor.onMessageIngested(old).reportIgnored();

        assertThat(registry.get("eventProcessor.events").tags("processorName", "messages", "outcome", "handled")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.events").tags("processorName", "messages", "outcome", "ignored")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "messages").gauge().value())
                .isBetween(60_000.0, 70_000.0);
    }

    @Test
    void other_components_are_not_measured() {
        assertThat(metrics.monitorOf(EmbeddedEventStore.class, "eventStore")).isSameAs(NoOpMessageMonitor.instance());
    }
}
