package io.courier.command.conversation;

import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.SealedKeyPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CAROL;
import static io.courier.command.conversation.ConversationTesting.CONVERSATION;
import static io.courier.command.conversation.ConversationTesting.EARLIER;
import static org.assertj.core.api.Assertions.assertThat;

class ConversationRostersTest {

    private static final SealedKeyPair SEALED = new SealedKeyPair("v1.k.public", "v1.k.private");

    private final InMemoryConversationEvents events = new InMemoryConversationEvents();
    private final ConversationRosters rosters = new ConversationRosters(events, 1_000, Duration.ofMinutes(30));

    @Test
    void reads_the_events_once_then_only_the_ones_stored_since() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER),
                new ConversationKeysSet(CONVERSATION, ALICE, SEALED, EARLIER));

        assertThat(rosters.current(CONVERSATION).membersWithoutKeys()).containsExactly(BOB);
        assertThat(rosters.current(CONVERSATION).membersWithoutKeys()).containsExactly(BOB);
        events.append(CONVERSATION, new ConversationKeysSet(CONVERSATION, BOB, SEALED, EARLIER),
                new ConversationRead(CONVERSATION, BOB, EARLIER));
        assertThat(rosters.current(CONVERSATION).isReady()).isTrue();
        assertThat(rosters.current(CONVERSATION).isReady()).isTrue();

        assertThat(events.askedAfter()).containsExactly(-1L, 1L, 1L, 3L);
        assertThat(events.answered()).containsExactly(2, 0, 2, 0);
    }

    @Test
    void a_cached_roster_is_caught_up_in_the_same_read_as_another_aggregates_first_event() {
        Object firstOfGroup = new ConversationRead(CONVERSATION, ALICE, EARLIER);
        List<String> combinedReads = new ArrayList<>();
        ConversationRosters combining = new ConversationRosters(new ConversationEventSource() {
            @Override
            public List<Sequenced> eventsAfter(UUID conversationId, long afterSequence) {
                return events.eventsAfter(conversationId, afterSequence);
            }

            @Override
            public WithFirstOf eventsAfterWithFirstOf(UUID conversationId, long afterSequence, String otherId) {
                combinedReads.add(otherId);
                return new WithFirstOf(events.eventsAfter(conversationId, afterSequence), true, firstOfGroup);
            }
        }, 1_000, Duration.ofMinutes(30));
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER));

        // not cached yet: the roster's first read may start from a snapshot, so it is read on its own
        ConversationRosters.RosterWithFirstOf first = combining.currentWithFirstEventOf(CONVERSATION, "group");
        assertThat(first.otherRead()).isFalse();
        assertThat(first.roster().isMember(BOB)).isTrue();
        events.append(CONVERSATION, new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        ConversationRosters.RosterWithFirstOf second = combining.currentWithFirstEventOf(CONVERSATION, "group");

        assertThat(second.otherRead()).isTrue();
        assertThat(second.firstOfOther()).isSameAs(firstOfGroup);
        assertThat(second.roster().isMember(BOB)).isFalse();
        assertThat(combining.current(CONVERSATION).isMember(BOB)).isFalse();
        assertThat(combinedReads).containsExactly("group");
        assertThat(events.askedAfter()).containsExactly(-1L, 0L, 1L);
    }

    @Test
    void catches_up_on_membership_changes_made_since() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER));
        assertThat(rosters.current(CONVERSATION).isMember(BOB)).isTrue();

        events.append(CONVERSATION, new ConversationMemberLeft(CONVERSATION, BOB, EARLIER),
                new ConversationMembersAdded(CONVERSATION, ALICE, List.of(CAROL), EARLIER));

        Roster roster = rosters.current(CONVERSATION);
        assertThat(roster.isMember(BOB)).isFalse();
        assertThat(roster.memberIds()).containsExactly(ALICE, CAROL);
    }

    @Test
    void starts_from_a_snapshot_and_reads_only_what_follows_it() {
        Roster atSnapshot = Roster.NONE
                .apply(new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER))
                .apply(new ConversationKeysSet(CONVERSATION, ALICE, SEALED, EARLIER));
        List<Long> askedAfter = new ArrayList<>();
        ConversationRosters fromSnapshot = new ConversationRosters((conversationId, after) -> {
            askedAfter.add(after);
            return after < 0
                    ? List.of(new ConversationEventSource.Sequenced(499, atSnapshot),
                    new ConversationEventSource.Sequenced(500, new ConversationKeysSet(CONVERSATION, BOB, SEALED,
                            EARLIER)))
                    : List.of();
        }, 1_000, Duration.ofMinutes(30));

        assertThat(fromSnapshot.current(CONVERSATION).isReady()).isTrue();
        assertThat(fromSnapshot.current(CONVERSATION).isReady()).isTrue();
        assertThat(askedAfter).containsExactly(-1L, 500L);
    }

    @Test
    void an_unknown_conversation_has_no_members_and_is_not_remembered() {
        UUID unknown = UUID.randomUUID();

        assertThat(rosters.current(unknown)).isEqualTo(Roster.NONE);
        events.append(unknown, new GroupConversationStarted(unknown, ALICE, List.of(ALICE), null, EARLIER));
        assertThat(rosters.current(unknown).isMember(ALICE)).isTrue();

        assertThat(events.askedAfter()).containsExactly(-1L, -1L);
    }

    @Test
    void cached_rosters_hold_no_key_material() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE), null, EARLIER),
                new ConversationKeysSet(CONVERSATION, ALICE, SEALED, EARLIER));

        Roster roster = rosters.current(CONVERSATION);

        assertThat(roster.hasKeys(ALICE)).isTrue();
        assertThat(roster.keys().values()).doesNotContain(SEALED);
    }

    @Test
    void many_threads_reading_while_events_are_appended_end_on_the_latest_roster() throws Exception {
        events.append(CONVERSATION, new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE), null, EARLIER));
        List<UUID> joiners = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                UUID joiner = UUID.randomUUID();
                joiners.add(joiner);
                events.append(CONVERSATION, new ConversationMembersAdded(CONVERSATION, ALICE, List.of(joiner), EARLIER));
                for (int reader = 0; reader < 4; reader++) {
                    reads.add(readers.submit(() -> rosters.current(CONVERSATION)));
                }
            }
            for (Future<?> read : reads) {
                read.get(10, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }

        assertThat(rosters.current(CONVERSATION).memberIds()).hasSize(201).endsWith(joiners.get(199));
    }

    @Test
    void the_cache_is_bounded_by_the_members_it_holds() {
        ConversationRosters small = new ConversationRosters(events, 10, Duration.ofMinutes(30));
        for (int i = 0; i < 50; i++) {
            UUID conversation = UUID.randomUUID();
            events.append(conversation, new GroupConversationStarted(conversation, ALICE, List.of(ALICE, BOB), null,
                    EARLIER));
            small.current(conversation);
        }
        UUID first = UUID.randomUUID();
        events.append(first, new GroupConversationStarted(first, ALICE, List.of(ALICE), null, EARLIER));

        // nothing to assert on Caffeine's internals beyond this: answers stay right whatever it evicted
        assertThat(small.current(first).isMember(ALICE)).isTrue();
    }

    @Test
    void events_this_process_committed_right_after_the_cached_roster_are_folded_in_without_a_read() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER));
        rosters.current(CONVERSATION);
        ConversationMemberLeft left = new ConversationMemberLeft(CONVERSATION, BOB, EARLIER);
        events.append(CONVERSATION, left);

        rosters.committed(CONVERSATION, List.of(new ConversationEventSource.Sequenced(1, left)));

        ConversationRosters.RosterAsOf cached = rosters.cached(CONVERSATION).orElseThrow();
        assertThat(cached.sequenceNumber()).isEqualTo(1);
        assertThat(cached.roster().isMember(BOB)).isFalse();
        assertThat(events.askedAfter()).containsExactly(-1L);
    }

    @Test
    void committed_events_that_do_not_follow_the_cached_roster_are_left_to_the_next_read() {
        events.append(CONVERSATION,
                new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB), null, EARLIER));
        rosters.current(CONVERSATION);
        // event 1 came from another process; this one committed event 2
        events.append(CONVERSATION, new ConversationRead(CONVERSATION, BOB, EARLIER),
                new ConversationMemberLeft(CONVERSATION, BOB, EARLIER));

        rosters.committed(CONVERSATION,
                List.of(new ConversationEventSource.Sequenced(2, new ConversationMemberLeft(CONVERSATION, BOB, EARLIER))));
        UUID otherConversation = UUID.randomUUID();
        rosters.committed(otherConversation,
                List.of(new ConversationEventSource.Sequenced(0, new ConversationRead(otherConversation, BOB, EARLIER))));

        assertThat(rosters.cached(CONVERSATION).orElseThrow().sequenceNumber()).isZero();
        assertThat(rosters.cached(otherConversation)).as("not cached: nothing to fold into").isEmpty();
        assertThat(rosters.current(CONVERSATION).isMember(BOB)).isFalse();
    }
}
