package io.courier.command.conversation;

import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.ResealConversationKeys;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.vault.KeyVault;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.courier.command.Expectations.event;
import static io.courier.command.Expectations.noEventContains;
import static io.courier.command.Expectations.rejection;
import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CAROL;
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

/** Group conversations: who is in, the alias, leaving and closing; only members act. */
class GroupConversationTest {

    private final KeyVault vault = ConversationTesting.newVault();
    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void fixture() {
        fixture = fixtureWithLimits(ConversationLimits.DEFAULT);
    }

    private AggregateTestFixture<Conversation> fixtureWithLimits(ConversationLimits limits) {
        return ConversationTesting.fixture(vault, ConversationTesting.users(), new InMemoryPrivateConversationRegistry(),
                limits);
    }

    /** Alice started a group with Bob and Carol; all three have set keys. */
    private List<Object> groupOfThree() {
        return new ArrayList<>(List.of(
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB, CAROL), "Book club", EARLIER),
                keysSet(vault, ALICE, "alice"), keysSet(vault, BOB, "bob"), keysSet(vault, CAROL, "carol")));
    }

    private static StartGroupConversation start(Set<UUID> memberIds, String alias) {
        return new StartGroupConversation(CONVERSATION, ALICE, memberIds, alias, keysOf("alice"));
    }

    // --- starting

    @Test
    void starting_a_group_records_creator_first_then_members_alias_and_the_creators_sealed_keys() {
        Set<UUID> listedWithCreator = new LinkedHashSet<>(List.of(BOB, ALICE, CAROL));

        fixture.givenNoPriorActivity()
                .when(start(listedWithCreator, "  Book club "))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(GroupConversationStarted.class, e -> e.equals(new GroupConversationStarted(CONVERSATION,
                                ALICE, List.of(ALICE, BOB, CAROL), "Book club", NOW_IN_MICROS))),
                        event(ConversationKeysSet.class, e -> e.conversationId().equals(CONVERSATION)
                                && e.userId().equals(ALICE) && e.setAt().equals(NOW_IN_MICROS)
                                && opensTo(vault, e.keys(), ALICE, keysOf("alice"))),
                        andNoMore())))
                .expectEventsMatching(noEventContains(plaintextMarkers("alice")))
                .expectState(conversation -> {
                    assertThat(conversation.roster().memberIds()).containsExactly(ALICE, BOB, CAROL);
                    assertThat(conversation.roster().membersWithoutKeys()).containsExactly(BOB, CAROL);
                });
    }

    @Test
    void a_group_of_the_creator_alone_has_no_alias_unless_one_is_given() {
        fixture.givenNoPriorActivity()
                .when(start(null, "   "))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(GroupConversationStarted.class, e -> e.memberIds().equals(List.of(ALICE))
                                && e.alias() == null),
                        event(ConversationKeysSet.class, e -> true), andNoMore())));
    }

    @Test
    void a_group_naming_users_without_an_account_is_refused_naming_them() {
        UUID otherGhost = UUID.randomUUID();

        fixture.givenNoPriorActivity()
                .when(start(Set.of(BOB, GHOST, otherGhost), null))
                .expectException(rejection(RejectionCode.UNKNOWN_USERS, Map.of("unknownUserIds",
                        ConversationRejections.sorted(List.of(GHOST, otherGhost)))))
                .expectNoEvents();
    }

    @Test
    void a_group_has_at_most_the_member_limit_creator_included() {
        AggregateTestFixture<Conversation> smallGroups = fixtureWithLimits(new ConversationLimits(3, 16_384));

        smallGroups.givenNoPriorActivity()
                .when(start(Set.of(BOB, CAROL), null))
                .expectSuccessfulHandlerExecution();
        smallGroups.givenNoPriorActivity()
                .when(start(Set.of(ALICE, BOB, CAROL), null))
                .expectSuccessfulHandlerExecution();
        smallGroups.givenNoPriorActivity()
                .when(start(Set.of(BOB, CAROL, DAVE), null))
                .expectException(rejection(RejectionCode.TOO_MANY_MEMBERS))
                .expectNoEvents();
    }

    @Test
    void ten_thousand_members_are_refused_before_anyone_is_looked_up() {
        Set<UUID> crowd = IntStream.range(0, 10_000).mapToObj(i -> UUID.randomUUID()).collect(Collectors.toSet());

        UserDirectory mustNotBeAsked = userIds -> {
            throw new AssertionError("looked up " + userIds.size() + " users");
        };

        ConversationTesting.fixture(vault, mustNotBeAsked, new InMemoryPrivateConversationRegistry(),
                        ConversationLimits.DEFAULT)
                .givenNoPriorActivity()
                .when(start(crowd, null))
                .expectException(rejection(RejectionCode.TOO_MANY_MEMBERS));
    }

    @Test
    void a_null_member_id_is_an_invalid_request() {
        Set<UUID> withNull = new java.util.HashSet<>();
        withNull.add(BOB);
        withNull.add(null);

        fixture.givenNoPriorActivity()
                .when(start(withNull, null))
                .expectException(rejection(RejectionCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    // --- alias

    @Test
    void an_alias_is_stripped_and_stored_in_nfc() {
        fixture.givenNoPriorActivity()
                .when(start(Set.of(BOB), " Cafe\u0301 ")) // e + combining acute: NFC composes it
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(GroupConversationStarted.class, e -> "Caf\u00e9".equals(e.alias())),
                        event(ConversationKeysSet.class, e -> true), andNoMore())));
    }

    @Test
    void an_alias_has_at_most_100_characters() {
        String hundredEmoji = "\uD83D\uDE00".repeat(100); // 100 characters, 200 chars in Java
        fixture.givenNoPriorActivity()
                .when(start(Set.of(BOB), hundredEmoji))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(start(Set.of(BOB), "x".repeat(101)))
                .expectException(rejection(RejectionCode.INVALID_ALIAS))
                .expectNoEvents();
    }

    @Test
    void an_alias_with_control_or_format_characters_or_unpaired_surrogates_is_refused() {
        for (String alias : new String[]{"Book\u0000club", "Book\u200Bclub", "\u202Ebulc kooB", "Book\nclub",
                "Book\uD800club", "Book club\uDC00", "\uFEFFBook club"}) {
            fixture.givenNoPriorActivity()
                    .when(start(Set.of(BOB), alias))
                    .expectException(rejection(RejectionCode.INVALID_ALIAS))
                    .expectNoEvents();
        }
    }

    @Test
    void members_can_change_the_alias() {
        fixture.given(groupOfThree())
                .when(new ChangeConversationAlias(CONVERSATION, BOB, " Reading circle "))
                .expectEvents(new ConversationAliasChanged(CONVERSATION, BOB, "Reading circle", NOW_IN_MICROS));
    }

    @Test
    void a_blank_alias_removes_it() {
        fixture.given(groupOfThree())
                .when(new ChangeConversationAlias(CONVERSATION, BOB, " "))
                .expectEvents(new ConversationAliasChanged(CONVERSATION, BOB, null, NOW_IN_MICROS));
    }

    @Test
    void an_unchanged_alias_changes_nothing() {
        fixture.given(groupOfThree())
                .when(new ChangeConversationAlias(CONVERSATION, BOB, "Book club "))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_changed_alias_gets_the_same_hygiene() {
        fixture.given(groupOfThree())
                .when(new ChangeConversationAlias(CONVERSATION, BOB, "x".repeat(101)))
                .expectException(rejection(RejectionCode.INVALID_ALIAS));
        fixture.given(groupOfThree())
                .when(new ChangeConversationAlias(CONVERSATION, BOB, "Book\u200Eclub"))
                .expectException(rejection(RejectionCode.INVALID_ALIAS));
    }

    // --- members

    @Test
    void members_can_add_users_and_those_already_in_are_ignored() {
        fixture.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, new LinkedHashSet<>(List.of(CAROL, DAVE, ALICE))))
                .expectEvents(new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), NOW_IN_MICROS));
    }

    @Test
    void adding_only_members_changes_nothing() {
        fixture.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, Set.of(ALICE, CAROL)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void adding_nobody_is_an_invalid_request() {
        fixture.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, Set.of()))
                .expectException(rejection(RejectionCode.INVALID_REQUEST));
        fixture.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, null))
                .expectException(rejection(RejectionCode.INVALID_REQUEST));
    }

    @Test
    void adding_users_without_an_account_is_refused_naming_them() {
        fixture.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, Set.of(DAVE, GHOST)))
                .expectException(rejection(RejectionCode.UNKNOWN_USERS, Map.of("unknownUserIds",
                        List.of(GHOST.toString()))))
                .expectNoEvents();
    }

    @Test
    void adding_beyond_the_member_limit_is_refused() {
        AggregateTestFixture<Conversation> smallGroups = fixtureWithLimits(new ConversationLimits(4, 16_384));

        smallGroups.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, Set.of(DAVE, OUTSIDER)))
                .expectException(rejection(RejectionCode.TOO_MANY_MEMBERS))
                .expectNoEvents();
        smallGroups.given(groupOfThree())
                .when(new AddConversationMembers(CONVERSATION, BOB, Set.of(DAVE, CAROL)))
                .expectEvents(new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), NOW_IN_MICROS));
    }

    @Test
    void a_new_member_makes_the_conversation_not_ready_until_it_sets_keys() {
        List<Object> history = groupOfThree();
        fixture.given(history)
                .when(new AddConversationMembers(CONVERSATION, ALICE, Set.of(DAVE)))
                .expectState(conversation -> {
                    assertThat(conversation.roster().isReady()).isFalse();
                    assertThat(conversation.roster().membersWithoutKeys()).containsExactly(DAVE);
                });

        history.add(new ConversationMembersAdded(CONVERSATION, ALICE, List.of(DAVE), EARLIER));
        fixture.given(history)
                .when(new SetConversationKeys(CONVERSATION, DAVE, keysOf("dave")))
                .expectState(conversation -> assertThat(conversation.roster().isReady()).isTrue());
    }

    // --- leaving and closing

    @Test
    void a_member_can_leave_and_its_keys_go_with_it() {
        fixture.given(groupOfThree())
                .when(new LeaveConversation(CONVERSATION, BOB))
                .expectEvents(new ConversationMemberLeft(CONVERSATION, BOB, NOW_IN_MICROS))
                .expectState(conversation -> {
                    assertThat(conversation.roster().memberIds()).containsExactly(ALICE, CAROL);
                    assertThat(conversation.roster().keys()).containsOnlyKeys(ALICE, CAROL);
                });
    }

    @Test
    void the_last_member_to_leave_closes_the_conversation() {
        List<Object> history = groupOfThree();
        history.add(new ConversationMemberLeft(CONVERSATION, ALICE, EARLIER));
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        fixture.given(history)
                .when(new LeaveConversation(CONVERSATION, CAROL))
                .expectEvents(new ConversationMemberLeft(CONVERSATION, CAROL, NOW_IN_MICROS),
                        new ConversationClosed(CONVERSATION, NOW_IN_MICROS));
    }

    @Test
    void a_closed_conversation_answers_every_command_not_found() {
        List<Object> history = groupOfThree();
        history.add(new ConversationMemberLeft(CONVERSATION, ALICE, EARLIER));
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));
        history.add(new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER));
        history.add(new ConversationClosed(CONVERSATION, EARLIER));

        for (Object command : everyCommandBy(CAROL)) {
            fixture.given(history)
                    .when(command)
                    .expectException(rejection(RejectionCode.NOT_FOUND))
                    .expectNoEvents();
        }
        fixture.given(history)
                .when(new ResealConversationKeys(CONVERSATION))
                .expectException(rejection(RejectionCode.NOT_FOUND));
    }

    // --- only members act

    @Test
    void to_someone_who_is_not_a_member_the_conversation_does_not_exist() {
        for (Object command : everyCommandBy(OUTSIDER)) {
            fixture.given(groupOfThree())
                    .when(command)
                    .expectException(rejection(RejectionCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Test
    void a_member_who_left_can_no_longer_act() {
        List<Object> history = groupOfThree();
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        for (Object command : everyCommandBy(BOB)) {
            fixture.given(history)
                    .when(command)
                    .expectException(rejection(RejectionCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Test
    void a_user_added_after_leaving_is_a_member_again_without_keys() {
        List<Object> history = groupOfThree();
        history.add(new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        fixture.given(history)
                .when(new AddConversationMembers(CONVERSATION, ALICE, Set.of(BOB)))
                .expectEvents(new ConversationMembersAdded(CONVERSATION, ALICE, List.of(BOB), NOW_IN_MICROS))
                .expectState(conversation -> assertThat(conversation.roster().membersWithoutKeys())
                        .containsExactly(BOB));
    }

    // --- read markers

    @Test
    void marking_read_is_recorded_every_time_in_microseconds() {
        List<Object> history = groupOfThree();
        history.add(new ConversationRead(CONVERSATION, BOB, EARLIER));

        fixture.given(history)
                .when(new MarkConversationRead(CONVERSATION, BOB))
                .expectEvents(new ConversationRead(CONVERSATION, BOB, NOW_IN_MICROS));
    }

    private static List<Object> everyCommandBy(UUID userId) {
        return List.of(new SetConversationKeys(CONVERSATION, userId, keysOf("someone")),
                new AddConversationMembers(CONVERSATION, userId, Set.of(DAVE)),
                new ChangeConversationAlias(CONVERSATION, userId, "Taken over"),
                new LeaveConversation(CONVERSATION, userId),
                new MarkConversationRead(CONVERSATION, userId));
    }
}
