package io.courier.command.conversation;

import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.command.StoredJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.courier.command.conversation.ConversationTesting.ALICE;
import static io.courier.command.conversation.ConversationTesting.BOB;
import static io.courier.command.conversation.ConversationTesting.CAROL;
import static io.courier.command.conversation.ConversationTesting.CONVERSATION;
import static io.courier.command.conversation.ConversationTesting.DAVE;
import static io.courier.command.conversation.ConversationTesting.EARLIER;
import static org.assertj.core.api.Assertions.assertThat;

class RosterTest {

    private static final SealedKeyPair ALICES = new SealedKeyPair("v1.k.alice-public", "v1.k.alice-private");
    private static final SealedKeyPair BOBS = new SealedKeyPair("v1.k.bob-public", "v1.k.bob-private");
    private static final SealedKeyPair BOBS_RESEALED = new SealedKeyPair("v1.n.bob-public", "v1.n.bob-private");

    private static Roster fold(Object... events) {
        Roster roster = Roster.NONE;
        for (Object event : events) {
            roster = roster.apply(event);
        }
        return roster;
    }

    private static final Object[] HISTORY = {
            new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE, BOB, CAROL), "Book club", EARLIER),
            new ConversationKeysSet(CONVERSATION, ALICE, ALICES, EARLIER),
            new ConversationKeysSet(CONVERSATION, BOB, BOBS, EARLIER),
            new ConversationRead(CONVERSATION, BOB, EARLIER),
            new ConversationMembersAdded(CONVERSATION, BOB, List.of(DAVE, ALICE), EARLIER),
            new ConversationMemberLeft(CONVERSATION, CAROL, EARLIER),
            new ConversationKeysResealed(CONVERSATION, BOB, BOBS_RESEALED, EARLIER),
            new ConversationAliasChanged(CONVERSATION, ALICE, "Readers", EARLIER)};

    @Test
    void the_fold_keeps_members_in_join_order_with_their_latest_keys() {
        Roster roster = fold(HISTORY);

        assertThat(roster.memberIds()).containsExactly(ALICE, BOB, DAVE);
        assertThat(roster.alias()).isEqualTo("Readers");
        assertThat(roster.privateConversation()).isFalse();
        assertThat(roster.keysOf(BOB)).contains(BOBS_RESEALED);
        assertThat(roster.membersWithoutKeys()).containsExactly(DAVE);
        assertThat(roster.isReady()).isFalse();
        assertThat(roster.isMember(DAVE)).isTrue();
        assertThat(roster.isMember(CAROL)).isFalse();
    }

    @Test
    void a_closed_conversation_has_no_members_to_anyone() {
        Roster roster = fold(new GroupConversationStarted(CONVERSATION, ALICE, List.of(ALICE), null, EARLIER),
                new ConversationMemberLeft(CONVERSATION, ALICE, EARLIER), new ConversationClosed(CONVERSATION, EARLIER));

        assertThat(roster.closed()).isTrue();
        assertThat(roster.isMember(ALICE)).isFalse();
        assertThat(roster.isMember(null)).isFalse();
    }

    @Test
    void events_of_other_kinds_leave_the_roster_as_it_is() {
        Roster roster = fold(HISTORY);

        assertThat(roster.apply(new ConversationRead(CONVERSATION, ALICE, EARLIER))).isSameAs(roster);
        assertThat(roster.apply("something else")).isSameAs(roster);
    }

    @Test
    void without_key_material_it_still_knows_who_has_keys() {
        Roster roster = fold(HISTORY).withoutKeyMaterial();

        assertThat(roster.membersWithoutKeys()).containsExactly(DAVE);
        assertThat(roster.hasKeys(BOB)).isTrue();
        assertThat(roster.keys().values()).containsOnly(Roster.KEY_MATERIAL_NOT_KEPT);
    }

    @Test
    void a_conversation_snapshot_survives_the_stored_json_form() {
        Conversation conversation = new Conversation();
        conversation.on((GroupConversationStarted) HISTORY[0]);
        for (Object event : List.of(HISTORY).subList(1, HISTORY.length)) {
            // the aggregate's handlers and Roster.apply are one fold
            if (event instanceof ConversationKeysSet e) {
                conversation.on(e);
            } else if (event instanceof ConversationMembersAdded e) {
                conversation.on(e);
            } else if (event instanceof ConversationMemberLeft e) {
                conversation.on(e);
            } else if (event instanceof ConversationKeysResealed e) {
                conversation.on(e);
            } else if (event instanceof ConversationAliasChanged e) {
                conversation.on(e);
            }
        }
        assertThat(conversation.roster()).isEqualTo(fold(HISTORY));

        String json = StoredJson.write(conversation);
        Conversation restored = StoredJson.read(json, Conversation.class);

        assertThat(restored.roster()).isEqualTo(conversation.roster());
        assertThat(json).contains(CONVERSATION.toString()).doesNotContain("ready").doesNotContain("membersWithoutKeys");
    }

    @Test
    void a_roster_survives_the_stored_json_form_with_nothing_set() {
        Roster none = StoredJson.read(StoredJson.write(Roster.NONE), Roster.class);

        assertThat(none).isEqualTo(Roster.NONE);
        assertThat(StoredJson.read("{\"privateConversation\":true}", Roster.class).memberIds()).isEmpty();
    }

    @Test
    void members_added_twice_appear_once() {
        UUID newcomer = UUID.randomUUID();
        Roster roster = fold(HISTORY).apply(new ConversationMembersAdded(CONVERSATION, ALICE,
                List.of(newcomer, newcomer, BOB), EARLIER));

        assertThat(roster.memberIds()).containsExactly(ALICE, BOB, DAVE, newcomer);
    }
}
