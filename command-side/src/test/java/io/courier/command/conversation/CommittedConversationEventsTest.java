package io.courier.command.conversation;

import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.message.MessageGroupPosted;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CONVERSATION;
import static io.courier.command.conversation.ConversationTesting.EARLIER;
import static org.assertj.core.api.Assertions.assertThat;

/** A process's own conversation events reach its cached rosters when, and only if, they commit. */
class CommittedConversationEventsTest {

    private final InMemoryConversationEvents events = new InMemoryConversationEvents();
    private final ConversationRosters rosters = new ConversationRosters(events, 1_000, Duration.ofMinutes(30));
    private final CommittedConversationEvents committed = new CommittedConversationEvents(rosters);
    private final ConversationMemberLeft bobLeft = new ConversationMemberLeft(CONVERSATION, BOB, EARLIER);

    @BeforeEach
    void aliceAndBobCached() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER));
        rosters.current(CONVERSATION);
    }

    @Test
    void published_in_a_unit_of_work_they_are_folded_in_once_it_commits() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        committed.accept(List.of(conversationEvent(1, bobLeft)));
        assertThat(rosters.cached(CONVERSATION).orElseThrow().roster().isMember(BOB)).as("before the commit").isTrue();

        unitOfWork.commit();

        assertThat(rosters.cached(CONVERSATION).orElseThrow().roster().isMember(BOB)).isFalse();
    }

    @Test
    void a_unit_of_work_that_rolls_back_leaves_the_roster_as_it_was() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        committed.accept(List.of(conversationEvent(1, bobLeft)));

        unitOfWork.rollback();

        assertThat(rosters.cached(CONVERSATION).orElseThrow().sequenceNumber()).isZero();
        assertThat(rosters.cached(CONVERSATION).orElseThrow().roster().isMember(BOB)).isTrue();
    }

    @Test
    void other_aggregates_events_pass_by() {
        UUID group = UUID.randomUUID();
        committed.accept(List.of(new GenericDomainEventMessage<>("MessageGroup", group.toString(), 1,
                new MessageGroupPosted(group, CONVERSATION, ALICE, "m", Map.of(ALICE, "x", BOB, "y"), EARLIER))));

        assertThat(rosters.cached(CONVERSATION).orElseThrow().sequenceNumber()).isZero();
    }

    private static GenericDomainEventMessage<Object> conversationEvent(long sequenceNumber, Object payload) {
        return new GenericDomainEventMessage<>("Conversation", CONVERSATION.toString(), sequenceNumber, payload);
    }
}
