package io.courier.command.conversation;

import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.RemoveDeletedMember;
import io.courier.api.conversation.StartPrivateConversation;
import io.courier.api.conversation.StartedConversation;
import io.courier.vault.KeyVault;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.courier.command.Expectations.event;
import static io.courier.command.Expectations.noEventContains;
import static io.courier.command.Expectations.rejection;
import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CONVERSATION;
import static io.courier.command.conversation.ConversationTesting.DAVE;
import static io.courier.command.conversation.ConversationTesting.EARLIER;
import static io.courier.command.conversation.ConversationTesting.GHOST;
import static io.courier.command.conversation.ConversationTesting.NOW_IN_MICROS;
import static io.courier.command.conversation.ConversationTesting.OUTSIDER;
import static io.courier.command.conversation.ConversationTesting.keysOf;
import static io.courier.command.conversation.ConversationTesting.keysSet;
import static io.courier.command.conversation.ConversationTesting.opensTo;
import static io.courier.command.conversation.ConversationTesting.plaintextMarkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/** Private conversations: two users, one conversation per pair, closed to everyone else and to change. */
class PrivateConversationTest {

    /** The id a second "start" proposes; never used, since the pair has a conversation already. */
    private static final UUID PROPOSED = UUID.randomUUID();

    private final KeyVault vault = ConversationTesting.newVault();
    private final InMemoryPrivateConversationRegistry registry = new InMemoryPrivateConversationRegistry();
    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void fixture() {
        fixture = ConversationTesting.fixture(vault, ConversationTesting.users(), registry, ConversationLimits.DEFAULT);
    }

    /** Alice started it with Bob; only Alice has keys. */
    private List<Object> startedByAlice() {
        registry.claim(PrivatePair.of(ALICE, BOB), CONVERSATION);
        return List.of(new PrivateConversationStarted(CONVERSATION, ALICE, BOB, EARLIER),
                keysSet(vault, ALICE, "alice"));
    }

    private List<Object> bothWithKeys() {
        List<Object> history = new ArrayList<>(startedByAlice());
        history.add(keysSet(vault, BOB, "bob"));
        return history;
    }

    @Test
    void starting_one_claims_the_pair_and_records_the_starters_sealed_keys() {
        fixture.givenNoPriorActivity()
                .when(new StartPrivateConversation(CONVERSATION, ALICE, BOB, keysOf("alice")))
                .expectResultMessagePayload(new StartedConversation(CONVERSATION, true))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(PrivateConversationStarted.class, e -> e.equals(
                                new PrivateConversationStarted(CONVERSATION, ALICE, BOB, NOW_IN_MICROS))),
                        event(ConversationKeysSet.class, e -> e.userId().equals(ALICE)
                                && e.setAt().equals(NOW_IN_MICROS) && opensTo(vault, e.keys(), ALICE, keysOf("alice"))),
                        andNoMore())))
                .expectEventsMatching(noEventContains(plaintextMarkers("alice")))
                .expectState(conversation -> {
                    assertThat(conversation.roster().privateConversation()).isTrue();
                    assertThat(conversation.roster().memberIds()).containsExactly(ALICE, BOB);
                });

        assertThat(registry.conversationOf(PrivatePair.of(BOB, ALICE))).contains(CONVERSATION);
    }

    @Test
    void it_is_not_ready_until_the_other_user_has_set_keys() {
        fixture.givenNoPriorActivity()
                .when(new StartPrivateConversation(CONVERSATION, ALICE, BOB, keysOf("alice")))
                .expectState(conversation -> {
                    assertThat(conversation.roster().isReady()).isFalse();
                    assertThat(conversation.roster().membersWithoutKeys()).containsExactly(BOB);
                });
    }

    @Test
    void the_other_user_starting_it_too_gets_the_existing_one_and_its_keys_set() {
        fixture.given(startedByAlice())
                .when(new StartPrivateConversation(PROPOSED, BOB, ALICE, keysOf("bob")))
                .expectResultMessagePayload(new StartedConversation(CONVERSATION, false))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(ConversationKeysSet.class, e -> e.conversationId().equals(CONVERSATION)
                                && e.userId().equals(BOB) && opensTo(vault, e.keys(), BOB, keysOf("bob"))),
                        andNoMore())))
                .expectEventsMatching(noEventContains(plaintextMarkers("bob")))
                .expectState(conversation -> assertThat(conversation.roster().isReady()).isTrue());
    }

    @Test
    void starting_it_again_never_replaces_keys() {
        fixture.given(startedByAlice())
                .when(new StartPrivateConversation(PROPOSED, ALICE, BOB, keysOf("alice-on-another-device")))
                .expectResultMessagePayload(new StartedConversation(CONVERSATION, false))
                .expectNoEvents();
        fixture.given(bothWithKeys())
                .when(new StartPrivateConversation(PROPOSED, BOB, ALICE, keysOf("bob-on-another-device")))
                .expectResultMessagePayload(new StartedConversation(CONVERSATION, false))
                .expectNoEvents();
    }

    @Test
    void a_user_cannot_start_a_private_conversation_with_itself() {
        fixture.givenNoPriorActivity()
                .when(new StartPrivateConversation(CONVERSATION, ALICE, ALICE, keysOf("alice")))
                .expectException(rejection(RejectionCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void the_other_user_must_exist() {
        fixture.givenNoPriorActivity()
                .when(new StartPrivateConversation(CONVERSATION, ALICE, GHOST, keysOf("alice")))
                .expectException(rejection(RejectionCode.UNKNOWN_USERS, Map.of("unknownUserIds",
                        List.of(GHOST.toString()))))
                .expectNoEvents();

        assertThat(registry.conversationOf(PrivatePair.of(ALICE, GHOST))).isEmpty();
    }

    @Test
    void a_refused_start_claims_nothing() {
        fixture.givenNoPriorActivity()
                .when(new StartPrivateConversation(CONVERSATION, ALICE, BOB, new KeyPair(" ", "{}")))
                .expectException(rejection(RejectionCode.INVALID_KEYS))
                .expectNoEvents();

        assertThat(registry.conversationOf(PrivatePair.of(ALICE, BOB))).isEmpty();
    }

    @Test
    void keys_are_checked_even_when_the_pair_has_a_conversation_already() {
        fixture.given(startedByAlice())
                .when(new StartPrivateConversation(PROPOSED, BOB, ALICE, null))
                .expectException(rejection(RejectionCode.INVALID_KEYS))
                .expectNoEvents();
    }

    @Test
    void its_members_never_change_and_it_has_no_alias() {
        for (Object command : List.of(new AddConversationMembers(CONVERSATION, ALICE, Set.of(DAVE)),
                new ChangeConversationAlias(CONVERSATION, ALICE, "Us"),
                new LeaveConversation(CONVERSATION, BOB))) {
            fixture.given(bothWithKeys())
                    .when(command)
                    .expectException(rejection(RejectionCode.NOT_A_GROUP))
                    .expectNoEvents();
        }
    }

    @Test
    void to_a_third_user_it_does_not_exist_not_even_as_a_private_one() {
        for (Object command : List.of(new AddConversationMembers(CONVERSATION, OUTSIDER, Set.of(DAVE)),
                new ChangeConversationAlias(CONVERSATION, OUTSIDER, "Us"),
                new LeaveConversation(CONVERSATION, OUTSIDER),
                new MarkConversationRead(CONVERSATION, OUTSIDER))) {
            fixture.given(bothWithKeys())
                    .when(command)
                    .expectException(rejection(RejectionCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Test
    void the_pair_is_the_same_whoever_names_it_first() {
        assertThat(PrivatePair.of(ALICE, BOB)).isEqualTo(PrivatePair.of(BOB, ALICE));
        // PostgreSQL compares UUIDs as unsigned bytes; the registry's CHECK (user_low < user_high) relies on it
        UUID signedNegative = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
        UUID positive = UUID.fromString("7fffffff-0000-0000-0000-000000000000");
        assertThat(PrivatePair.of(signedNegative, positive).low()).isEqualTo(positive);
    }

    @Test
    void a_deleted_account_leaves_even_a_private_conversation_and_the_other_party_keeps_it() {
        fixture.given(bothWithKeys())
                .when(new RemoveDeletedMember(CONVERSATION, BOB))
                .expectEvents(new ConversationMemberLeft(CONVERSATION, BOB, NOW_IN_MICROS))
                .expectState(conversation -> {
                    assertThat(conversation.roster().memberIds()).containsExactly(ALICE);
                    assertThat(conversation.roster().closed()).isFalse();
                    assertThat(conversation.roster().isReady()).isTrue();
                });
    }

    @Test
    void removing_a_deleted_account_again_changes_nothing() {
        List<Object> history = new ArrayList<>(bothWithKeys());
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));
        fixture.given(history)
                .when(new RemoveDeletedMember(CONVERSATION, BOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_last_deleted_account_closes_the_conversation() {
        List<Object> history = new ArrayList<>(bothWithKeys());
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));
        fixture.given(history)
                .when(new RemoveDeletedMember(CONVERSATION, ALICE))
                .expectEvents(new ConversationMemberLeft(CONVERSATION, ALICE, NOW_IN_MICROS),
                        new ConversationClosed(CONVERSATION, NOW_IN_MICROS));
    }
}
