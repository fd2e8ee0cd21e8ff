package io.courier.command.message;

import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.api.message.DeleteMessageGroup;
import io.courier.api.message.EditMessageGroup;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.config.AggregateCommandTargetResolver;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.conversation.InMemoryConversationEvents;
import io.courier.command.eventsourcing.AppendConditions;
import io.courier.command.eventsourcing.StreamUnchanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.courier.command.Expectations.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message groups: one ciphertext per member, idempotent per clientMessageId, posted only to a ready
 * conversation by a member, changed only by their sender.
 */
class MessageGroupTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00.987654321Z");
    private static final Instant NOW_IN_MICROS = Instant.parse("2026-11-26T12:00:00.987654Z");
    private static final Instant EARLIER = Instant.parse("2026-11-25T08:00:00.5Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SealedKeyPair SEALED = new SealedKeyPair("v1.k.public", "v1.k.private");

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID CAROL = UUID.randomUUID();
    private static final UUID DAVE = UUID.randomUUID();
    private static final UUID OUTSIDER = UUID.randomUUID();

    private static final String CLIENT_MESSAGE_ID = "m-2026-11-26:0001";
    private static final UUID GROUP = MessageGroupIds.of(CONVERSATION, ALICE, CLIENT_MESSAGE_ID);

    private final InMemoryConversationEvents conversationEvents = new InMemoryConversationEvents();
    private final ConversationRosters rosters = new ConversationRosters(conversationEvents, 1_000,
            Duration.ofMinutes(30));
    private AggregateTestFixture<MessageGroup> fixture;

    @BeforeEach
    void aliceBobAndCarolWithKeys() {
        fixture = fixtureWithLimits(MessageLimits.DEFAULT);
        conversationEvents.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB, CAROL), null, EARLIER),
                keys(ALICE), keys(BOB), keys(CAROL));
    }

    /** One per message group a test posts: Axon's fixture follows a single aggregate from one command to the next. */
    private AggregateTestFixture<MessageGroup> fixtureWithLimits(MessageLimits limits) {
        AggregateTestFixture<MessageGroup> fixture = new AggregateTestFixture<>(MessageGroup.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(rosters);
        fixture.registerInjectableResource(limits);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerAnnotatedCommandHandler(new PostMessageGroupHandler(fixture.getRepository(),
                fixture.getEventStore(), rosters, limits, CLOCK, AppendConditions.NOT_ENFORCED));
        return fixture;
    }

    private static ConversationKeysSet keys(UUID member) {
        return new ConversationKeysSet(CONVERSATION, member, SEALED, EARLIER);
    }

    private static Map<UUID, String> ciphertextsFor(UUID... recipients) {
        Map<UUID, String> ciphertexts = new HashMap<>();
        for (UUID recipient : recipients) {
            ciphertexts.put(recipient, "ciphertext-for-" + recipient);
        }
        return ciphertexts;
    }

    private static PostMessageGroup post(UUID sender, Map<UUID, String> ciphertexts) {
        return new PostMessageGroup(CONVERSATION, sender, CLIENT_MESSAGE_ID, ciphertexts);
    }

    private static MessageGroupPosted postedByAlice() {
        return new MessageGroupPosted(GROUP, CONVERSATION, ALICE, CLIENT_MESSAGE_ID,
                ciphertextsFor(ALICE, BOB, CAROL), EARLIER);
    }

    // --- posting on a cached roster, where the event storage enforces append conditions

    private StreamUnchanged lastCondition;

    private AggregateTestFixture<MessageGroup> fixtureEnforcingConditions() {
        AggregateTestFixture<MessageGroup> enforcing = new AggregateTestFixture<>(MessageGroup.class);
        enforcing.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        enforcing.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            lastCondition = StreamUnchanged.ofCurrentUnitOfWork().orElse(null);
            return result;
        });
        enforcing.registerAnnotatedCommandHandler(new PostMessageGroupHandler(enforcing.getRepository(),
                enforcing.getEventStore(), rosters, MessageLimits.DEFAULT, CLOCK, () -> true));
        return enforcing;
    }

    @Test
    void a_post_on_a_cached_roster_reads_nothing_and_is_stored_only_if_the_conversation_is_unchanged() {
        rosters.current(CONVERSATION);
        int readsBefore = conversationEvents.askedAfter().size();

        fixtureEnforcingConditions().givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(GROUP, NOW_IN_MICROS))
                .expectEvents(new MessageGroupPosted(GROUP, CONVERSATION, ALICE, CLIENT_MESSAGE_ID,
                        ciphertextsFor(ALICE, BOB, CAROL), NOW_IN_MICROS));

        assertThat(conversationEvents.askedAfter()).hasSize(readsBefore);
        // the condition it was stored under: no conversation event after the 4 (0 to 3) the roster folded
        assertThat(lastCondition).isEqualTo(new StreamUnchanged(CONVERSATION.toString(), 3));
    }

    @Test
    void a_refusal_on_a_cached_roster_that_may_be_behind_is_decided_again_on_a_read() {
        rosters.current(CONVERSATION);
        conversationEvents.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), EARLIER),
                keys(DAVE));

        fixtureEnforcingConditions().givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL, DAVE)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MessageGroupPosted(GROUP, CONVERSATION, ALICE, CLIENT_MESSAGE_ID,
                        ciphertextsFor(ALICE, BOB, CAROL, DAVE), NOW_IN_MICROS));
    }

    @Test
    void a_refusal_stands_when_the_read_confirms_it() {
        rosters.current(CONVERSATION);

        fixtureEnforcingConditions().givenNoPriorActivity()
                .when(post(OUTSIDER, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectException(rejection(RejectionCode.NOT_FOUND))
                .expectNoEvents();
    }

    // --- posting

    @Test
    void posting_records_one_event_with_a_ciphertext_for_each_member() {
        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(GROUP, NOW_IN_MICROS))
                .expectEvents(new MessageGroupPosted(GROUP, CONVERSATION, ALICE, CLIENT_MESSAGE_ID,
                        ciphertextsFor(ALICE, BOB, CAROL), NOW_IN_MICROS));
    }

    @Test
    void a_retry_with_the_same_client_message_id_answers_the_first_post_and_stores_nothing() {
        fixture.given(postedByAlice())
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(GROUP, EARLIER))
                .expectNoEvents();
    }

    @Test
    void a_retry_is_answered_even_after_membership_changed() {
        conversationEvents.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), EARLIER),
                new ConversationMemberLeft(CONVERSATION, ALICE, EARLIER));

        fixture.given(postedByAlice())
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(GROUP, EARLIER))
                .expectNoEvents();
    }

    @Test
    void the_same_client_message_id_from_another_sender_is_another_group() {
        UUID bobsGroup = MessageGroupIds.of(CONVERSATION, BOB, CLIENT_MESSAGE_ID);

        fixture.givenNoPriorActivity()
                .when(post(BOB, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(bobsGroup, NOW_IN_MICROS));
        assertThat(bobsGroup).isNotEqualTo(GROUP);
    }

    @Test
    void a_client_message_id_is_1_to_100_characters_from_a_small_alphabet() {
        for (String valid : new String[]{"a", "x".repeat(100), "A-Za-z0-9._:-"}) {
            fixtureWithLimits(MessageLimits.DEFAULT).givenNoPriorActivity()
                    .when(new PostMessageGroup(CONVERSATION, ALICE, valid, ciphertextsFor(ALICE, BOB, CAROL)))
                    .expectSuccessfulHandlerExecution();
        }
        for (String invalid : new String[]{null, "", "x".repeat(101), "with space", "caf\u00e9", "a/b", "a\u0000",
                "line\n"}) {
            fixtureWithLimits(MessageLimits.DEFAULT).givenNoPriorActivity()
                    .when(new PostMessageGroup(CONVERSATION, ALICE, invalid, ciphertextsFor(ALICE, BOB, CAROL)))
                    .expectException(rejection(RejectionCode.INVALID_REQUEST))
                    .expectNoEvents();
        }
    }

    @Test
    void only_members_can_post_to_anyone_else_the_conversation_does_not_exist() {
        conversationEvents.append(CONVERSATION, new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER));

        for (UUID sender : new UUID[]{OUTSIDER, CAROL}) {
            fixtureWithLimits(MessageLimits.DEFAULT).givenNoPriorActivity()
                    .when(post(sender, ciphertextsFor(ALICE, BOB)))
                    .expectException(rejection(RejectionCode.NOT_FOUND))
                    .expectNoEvents();
        }
        fixtureWithLimits(MessageLimits.DEFAULT).givenNoPriorActivity()
                .when(new PostMessageGroup(UUID.randomUUID(), ALICE, CLIENT_MESSAGE_ID, ciphertextsFor(ALICE)))
                .expectException(rejection(RejectionCode.NOT_FOUND));
    }

    @Test
    void nobody_posts_to_a_closed_conversation() {
        UUID closed = UUID.randomUUID();
        conversationEvents.append(closed, new GroupConversationStarted(closed, ALICE, List.of(ALICE), null, EARLIER),
                new ConversationKeysSet(closed, ALICE, SEALED, EARLIER),
                new ConversationMemberLeft(closed, ALICE, EARLIER), new ConversationClosed(closed, EARLIER));

        fixture.givenNoPriorActivity()
                .when(new PostMessageGroup(closed, ALICE, CLIENT_MESSAGE_ID, ciphertextsFor(ALICE)))
                .expectException(rejection(RejectionCode.NOT_FOUND));
    }

    @Test
    void a_conversation_with_members_without_keys_refuses_posts_naming_them() {
        UUID privateOne = UUID.randomUUID();
        conversationEvents.append(privateOne, new PrivateConversationStarted(privateOne, ALICE, BOB, EARLIER),
                new ConversationKeysSet(privateOne, ALICE, SEALED, EARLIER));

        fixture.givenNoPriorActivity()
                .when(new PostMessageGroup(privateOne, ALICE, CLIENT_MESSAGE_ID, ciphertextsFor(ALICE, BOB)))
                .expectException(rejection(RejectionCode.CONVERSATION_NOT_READY,
                        Map.of("membersWithoutKeys", List.of(BOB.toString()))))
                .expectNoEvents();
    }

    @Test
    void a_new_member_makes_it_not_ready_until_it_sets_keys() {
        conversationEvents.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), EARLIER));

        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL, DAVE)))
                .expectException(rejection(RejectionCode.CONVERSATION_NOT_READY,
                        Map.of("membersWithoutKeys", List.of(DAVE.toString()))));

        conversationEvents.append(CONVERSATION, keys(DAVE));
        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL, DAVE)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_recipients_must_be_exactly_the_members_missing_and_extra_ones_named() {
        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, OUTSIDER, DAVE)))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH, Map.of(
                        "missingRecipientIds", List.of(CAROL.toString()),
                        "extraRecipientIds", sorted(OUTSIDER, DAVE))))
                .expectNoEvents();
    }

    @Test
    void the_sender_is_a_recipient_too() {
        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(BOB, CAROL)))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH, Map.of(
                        "missingRecipientIds", List.of(ALICE.toString()), "extraRecipientIds", List.of())));
    }

    @Test
    void a_member_who_left_is_no_recipient_any_more() {
        conversationEvents.append(CONVERSATION, new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER));

        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH, Map.of(
                        "missingRecipientIds", List.of(), "extraRecipientIds", List.of(CAROL.toString()))));
        fixture.givenNoPriorActivity()
                .when(post(ALICE, ciphertextsFor(ALICE, BOB)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void ten_thousand_recipients_are_refused() {
        Map<UUID, String> crowd = IntStream.range(0, 10_000).boxed()
                .collect(Collectors.toMap(i -> UUID.randomUUID(), i -> "c"));
        crowd.putAll(ciphertextsFor(ALICE, BOB, CAROL));

        fixture.givenNoPriorActivity()
                .when(post(ALICE, crowd))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void no_ciphertexts_at_all_names_every_member_missing() {
        fixture.givenNoPriorActivity()
                .when(post(ALICE, null))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH, Map.of(
                        "missingRecipientIds", sorted(ALICE, BOB, CAROL), "extraRecipientIds", List.of())));
    }

    @Test
    void each_ciphertext_is_non_empty_and_within_the_size_limit() {
        MessageLimits small = new MessageLimits(10, 25);
        Map<UUID, String> largest = Map.of(ALICE, "x".repeat(10), BOB, "x", CAROL, "\u00e9".repeat(5));
        Map<UUID, String> oneTooLarge = Map.of(ALICE, "x".repeat(11), BOB, "x", CAROL, "x");
        Map<UUID, String> tooManyBytes = Map.of(ALICE, "x", BOB, "x", CAROL, "\u00e9".repeat(6)); // 6 chars, 12 bytes
        Map<UUID, String> empty = Map.of(ALICE, "", BOB, "x", CAROL, "x");
        Map<UUID, String> withNul = Map.of(ALICE, "a\u0000b", BOB, "x", CAROL, "x");
        Map<UUID, String> loneSurrogate = Map.of(ALICE, "a\uD800", BOB, "x", CAROL, "x");

        fixtureWithLimits(small).givenNoPriorActivity()
                .when(post(ALICE, largest))
                .expectSuccessfulHandlerExecution();
        for (Map<UUID, String> invalid : List.of(oneTooLarge, tooManyBytes, empty, withNul, loneSurrogate)) {
            fixtureWithLimits(small).givenNoPriorActivity()
                    .when(post(ALICE, invalid))
                    .expectException(rejection(RejectionCode.INVALID_MESSAGE))
                    .expectNoEvents();
        }
    }

    @Test
    void all_ciphertexts_together_are_within_the_group_limit() {
        MessageLimits small = new MessageLimits(10, 25);

        fixtureWithLimits(small).givenNoPriorActivity()
                .when(post(ALICE, Map.of(ALICE, "x".repeat(10), BOB, "x".repeat(10), CAROL, "x".repeat(5))))
                .expectSuccessfulHandlerExecution();
        fixtureWithLimits(small).givenNoPriorActivity()
                .when(post(ALICE, Map.of(ALICE, "x".repeat(10), BOB, "x".repeat(10), CAROL, "x".repeat(6))))
                .expectException(rejection(RejectionCode.INVALID_MESSAGE));
    }

    // --- editing and deleting

    @Test
    void the_sender_can_edit_with_new_ciphertexts_for_the_same_recipients() {
        Map<UUID, String> edited = Map.of(ALICE, "edited-a", BOB, "edited-b", CAROL, "edited-c");

        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, edited))
                .expectEvents(new MessageGroupEdited(GROUP, CONVERSATION, ALICE, edited, NOW_IN_MICROS));
    }

    @Test
    void an_edit_goes_to_the_original_recipients_even_after_membership_changed() {
        conversationEvents.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), EARLIER),
                keys(DAVE), new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER));

        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, ciphertextsFor(ALICE, BOB, DAVE)))
                .expectException(rejection(RejectionCode.RECIPIENTS_MISMATCH, Map.of(
                        "missingRecipientIds", List.of(CAROL.toString()),
                        "extraRecipientIds", List.of(DAVE.toString()))));
        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void edits_have_the_same_size_limits() {
        AggregateTestFixture<MessageGroup> small = fixtureWithLimits(new MessageLimits(10, 25));

        small.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, Map.of(ALICE, "x".repeat(11), BOB, "x",
                        CAROL, "x")))
                .expectException(rejection(RejectionCode.INVALID_MESSAGE));
        small.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, Map.of(ALICE, "", BOB, "x", CAROL, "x")))
                .expectException(rejection(RejectionCode.INVALID_MESSAGE));
    }

    @Test
    void only_the_sender_edits_or_deletes() {
        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, BOB, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectException(rejection(RejectionCode.NOT_SENDER))
                .expectNoEvents();
        fixture.given(postedByAlice())
                .when(new DeleteMessageGroup(GROUP, CONVERSATION, BOB))
                .expectException(rejection(RejectionCode.NOT_SENDER))
                .expectNoEvents();
    }

    @Test
    void to_anyone_but_its_current_member_recipients_a_group_does_not_exist() {
        // Dave joined after the post: he never received it. Carol left. The outsider never was a member.
        conversationEvents.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE), EARLIER),
                keys(DAVE), new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER));

        for (UUID user : new UUID[]{DAVE, CAROL, OUTSIDER}) {
            fixture.given(postedByAlice())
                    .when(new EditMessageGroup(GROUP, CONVERSATION, user, ciphertextsFor(ALICE, BOB, CAROL)))
                    .expectException(rejection(RejectionCode.NOT_FOUND));
            fixture.given(postedByAlice())
                    .when(new DeleteMessageGroup(GROUP, CONVERSATION, user))
                    .expectException(rejection(RejectionCode.NOT_FOUND));
        }
    }

    @Test
    void a_sender_who_left_can_no_longer_edit_or_delete() {
        conversationEvents.append(CONVERSATION, new ConversationMemberLeft(CONVERSATION, ALICE, EARLIER));

        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectException(rejection(RejectionCode.NOT_FOUND));
        fixture.given(postedByAlice())
                .when(new DeleteMessageGroup(GROUP, CONVERSATION, ALICE))
                .expectException(rejection(RejectionCode.NOT_FOUND));
    }

    @Test
    void a_group_named_under_another_conversation_does_not_exist() {
        UUID otherConversation = UUID.randomUUID();
        conversationEvents.append(otherConversation,
                new GroupConversationStarted(otherConversation, ALICE, List.of(ALICE), null, EARLIER));

        fixture.given(postedByAlice())
                .when(new EditMessageGroup(GROUP, otherConversation, ALICE, ciphertextsFor(ALICE)))
                .expectException(rejection(RejectionCode.NOT_FOUND));
        fixture.given(postedByAlice())
                .when(new DeleteMessageGroup(GROUP, otherConversation, ALICE))
                .expectException(rejection(RejectionCode.NOT_FOUND));
    }

    @Test
    void deleting_leaves_a_tombstone_once() {
        fixture.given(postedByAlice())
                .when(new DeleteMessageGroup(GROUP, CONVERSATION, ALICE))
                .expectEvents(new MessageGroupDeleted(GROUP, CONVERSATION, ALICE, NOW_IN_MICROS));
        fixture.given(postedByAlice(), new MessageGroupDeleted(GROUP, CONVERSATION, ALICE, EARLIER))
                .when(new DeleteMessageGroup(GROUP, CONVERSATION, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_deleted_group_cannot_be_edited() {
        fixture.given(postedByAlice(), new MessageGroupDeleted(GROUP, CONVERSATION, ALICE, EARLIER))
                .when(new EditMessageGroup(GROUP, CONVERSATION, ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectException(rejection(RejectionCode.MESSAGE_DELETED))
                .expectNoEvents();
    }

    @Test
    void a_retry_of_a_deleted_groups_post_still_answers_the_first_result() {
        fixture.given(postedByAlice(), new MessageGroupDeleted(GROUP, CONVERSATION, ALICE, EARLIER))
                .when(post(ALICE, ciphertextsFor(ALICE, BOB, CAROL)))
                .expectResultMessagePayload(new PostedMessageGroup(GROUP, EARLIER))
                .expectNoEvents();
    }

    private static List<String> sorted(UUID... ids) {
        return java.util.Arrays.stream(ids).map(UUID::toString).sorted().toList();
    }
}
