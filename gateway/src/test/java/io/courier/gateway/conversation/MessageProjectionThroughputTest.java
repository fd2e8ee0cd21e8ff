package io.courier.gateway.conversation;

import io.courier.api.message.MessageGroupPosted;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the "messages" processor absorbs a backlog of posted 3-recipient groups from the event store:
 * the figure is printed, not asserted (machines differ); the test asserts that every copy arrived.
 */
@CourierIntegrationTest
class MessageProjectionThroughputTest {

    static final int GROUPS = 20_000;
    static final int CONVERSATIONS = 1_000;
    /** An RSA-OAEP 2048 ciphertext in base64, as the replaced system's clients send. */
    static final int CIPHERTEXT_LENGTH = 344;

    @Autowired
    EventBus eventBus;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_messages_processor_absorbs_a_backlog_of_posted_groups() {
        List<UUID> conversations = new ArrayList<>();
        List<List<UUID>> members = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            conversations.add(UUID.randomUUID());
            members.add(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        }
        String ciphertext = "A".repeat(CIPHERTEXT_LENGTH);
        StreamingEventProcessor messages = processing.eventProcessor("messages", StreamingEventProcessor.class).orElseThrow();
        messages.shutDown();
        UUID lastGroup = null;
        List<EventMessage<?>> chunk = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            int c = i % CONVERSATIONS;
            Map<UUID, String> copies = new LinkedHashMap<>();
            members.get(c).forEach(member -> copies.put(member, ciphertext));
            lastGroup = UUID.randomUUID();
            chunk.add(GenericEventMessage.asEventMessage(new MessageGroupPosted(lastGroup, conversations.get(c),
                    members.get(c).get(i % 3), "client-" + i, copies, Moments.atMicros(i))));
            if (chunk.size() == 1_000) {
                eventBus.publish(chunk);
                chunk = new ArrayList<>();
            }
        }
        UUID last = lastGroup;

        long started = System.nanoTime();
        messages.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM message_copy_view WHERE message_group_id = ?", Integer.class, last) == 3);
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("messages processor: %,d posted groups (%,d copies) absorbed in %.2f s: %,.0f groups/s%n",
                GROUPS, GROUPS * 3, seconds, GROUPS / seconds);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_copy_view WHERE conversation_id = ANY(CAST(? AS uuid[]))",
                Integer.class, (Object) conversations.stream().map(UUID::toString).toArray(String[]::new)))
                .isEqualTo(GROUPS * 3);
    }
}
