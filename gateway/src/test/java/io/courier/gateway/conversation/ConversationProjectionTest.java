package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.MemberView;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.vault.KeyVault;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.courier.gateway.conversation.Moments.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The conversations projection driven with events, read through the query handlers. */
@CourierIntegrationTest
class ConversationProjectionTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventBus eventBus;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KeyVault vault;

    ReadSide readSide;
    Accounts accounts;
    Keys keys;
    UUID ann;
    UUID bob;
    UUID carol;
    UUID dave;

    @BeforeEach
    void setUp() {
        readSide = new ReadSide(context, queryGateway);
        accounts = new Accounts(eventBus, jdbc);
        keys = new Keys(vault);
        Map<String, UUID> users = accounts.registerNamed("Ann", "Bob", "Carol", "Dave");
        ann = users.get("Ann");
        bob = users.get("Bob");
        carol = users.get("Carol");
        dave = users.get("Dave");
    }

    @Test
    void a_private_conversation_shows_both_members_by_display_name_and_has_no_alias() {
        UUID conversationId = UUID.randomUUID();

        readSide.apply(new PrivateConversationStarted(conversationId, ann, bob, at(0)));

        for (UUID member : List.of(ann, bob)) {
            ConversationDetailView detail = readSide.find(conversationId, member);
            assertThat(detail.conversationId()).isEqualTo(conversationId);
            assertThat(detail.isPrivate()).isTrue();
            assertThat(detail.alias()).isNull();
            assertThat(detail.members()).containsExactlyInAnyOrder(new MemberView(ann, "Ann"), new MemberView(bob, "Bob"));
            assertThat(detail.readTimes()).isEmpty();
            assertThat(detail.publicKeys()).isEmpty();
            assertThat(detail.privateKey()).isNull();
            assertThat(detail.ready()).isFalse();
            assertThat(detail.membersWithoutKeys()).containsExactlyInAnyOrder(ann, bob);
        }
    }

    @Test
    void the_private_conversation_of_a_pair_is_found_from_either_side_and_by_nobody_else() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new PrivateConversationStarted(conversationId, ann, bob, at(0)));

        assertThat(readSide.findPrivate(ann, bob).conversationId()).isEqualTo(conversationId);
        assertThat(readSide.findPrivate(bob, ann).conversationId()).isEqualTo(conversationId);
        assertThat(readSide.findPrivate(ann, carol)).isNull();
        assertThat(readSide.findPrivate(carol, ann)).isNull();
        assertThat(readSide.findPrivate(carol, bob)).isNull();
        assertThat(readSide.findPrivate(ann, ann)).isNull();
    }

    @Test
    void a_group_conversation_shows_its_alias_and_members_to_each_member_and_to_nobody_else() {
        UUID conversationId = UUID.randomUUID();

        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob, carol), "Book club", at(0)));

        ConversationDetailView detail = readSide.find(conversationId, carol);
        assertThat(detail.isPrivate()).isFalse();
        assertThat(detail.alias()).isEqualTo("Book club");
        assertThat(detail.members()).containsExactlyInAnyOrder(
                new MemberView(ann, "Ann"), new MemberView(bob, "Bob"), new MemberView(carol, "Carol"));
        ConversationSummaryView summary = readSide.summary(bob, conversationId);
        assertThat(summary.isPrivate()).isFalse();
        assertThat(summary.alias()).isEqualTo("Book club");
        assertThat(summary.members()).hasSize(3);
        assertThat(summary.ready()).isFalse();
        assertThat(summary.lastMessageAt()).isNull();
        assertThat(summary.unreadCount()).isZero();

        assertThat(readSide.find(conversationId, dave)).isNull();
        assertThat(readSide.summary(dave, conversationId)).isNull();
        assertThat(readSide.find(UUID.randomUUID(), ann)).isNull();
    }

    @Test
    void members_read_every_member_s_public_key_but_only_their_own_private_key() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob, carol), null, at(0)),
                keys.set(conversationId, ann, 1, at(1)),
                keys.set(conversationId, bob, 1, at(2)));

        for (UUID member : List.of(ann, bob, carol)) {
            assertThat(readSide.find(conversationId, member).publicKeys()).containsOnly(
                    Map.entry(ann, Keys.publicKey(conversationId, ann, 1)),
                    Map.entry(bob, Keys.publicKey(conversationId, bob, 1)));
        }
        assertThat(readSide.find(conversationId, ann).privateKey()).isEqualTo(Keys.privateKey(conversationId, ann, 1));
        assertThat(readSide.find(conversationId, bob).privateKey()).isEqualTo(Keys.privateKey(conversationId, bob, 1));
        assertThat(readSide.find(conversationId, carol).privateKey()).isNull();
        assertThat(readSide.find(conversationId, carol).ready()).isFalse();
        assertThat(readSide.find(conversationId, carol).membersWithoutKeys()).containsExactly(carol);
        assertThat(readSide.summary(carol, conversationId).ready()).isFalse();

        readSide.apply(keys.set(conversationId, carol, 1, at(3)));

        assertThat(readSide.find(conversationId, carol).privateKey()).isEqualTo(Keys.privateKey(conversationId, carol, 1));
        assertThat(readSide.find(conversationId, ann).ready()).isTrue();
        assertThat(readSide.find(conversationId, ann).membersWithoutKeys()).isEmpty();
        assertThat(readSide.summary(ann, conversationId).ready()).isTrue();
    }

    @Test
    void rotated_keys_replace_the_old_ones_and_resealed_keys_read_the_same() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new PrivateConversationStarted(conversationId, ann, bob, at(0)),
                keys.set(conversationId, ann, 1, at(1)));
        var rotation = keys.set(conversationId, ann, 2, at(2));

        readSide.apply(rotation);

        assertThat(readSide.find(conversationId, ann).privateKey()).isEqualTo(Keys.privateKey(conversationId, ann, 2));
        assertThat(readSide.find(conversationId, bob).publicKeys()).containsExactly(
                Map.entry(ann, Keys.publicKey(conversationId, ann, 2)));

        readSide.apply(keys.resealed(conversationId, ann, 2, at(3)));
        String resealed = sealedPrivateKey(conversationId, ann);

        assertThat(resealed).isNotEqualTo(rotation.keys().sealedPrivateKey());
        assertThat(readSide.find(conversationId, ann).privateKey()).isEqualTo(Keys.privateKey(conversationId, ann, 2));
        assertThat(jdbc.queryForObject("""
                        SELECT keys_set_at = CAST(? AS timestamptz) FROM conversation_member_view
                        WHERE conversation_id = ? AND user_id = ?""", Boolean.class,
                java.sql.Timestamp.from(at(2)), conversationId, ann))
                .as("a reseal does not change when the keys were set").isTrue();

        // the rotation delivered once more does not put back what the reseal replaced
        readSide.apply(rotation);
        assertThat(sealedPrivateKey(conversationId, ann)).isEqualTo(resealed);
    }

    @Test
    void a_newly_added_member_makes_the_conversation_not_ready_until_it_sets_keys() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob), null, at(0)),
                keys.set(conversationId, ann, 1, at(1)),
                keys.set(conversationId, bob, 1, at(2)));
        assertThat(readSide.find(conversationId, ann).ready()).isTrue();

        readSide.apply(new ConversationMembersAdded(conversationId, bob, List.of(dave, bob), at(3)));

        ConversationDetailView detail = readSide.find(conversationId, dave);
        assertThat(detail.members()).extracting(MemberView::userId).containsExactlyInAnyOrder(ann, bob, dave);
        assertThat(detail.ready()).isFalse();
        assertThat(detail.membersWithoutKeys()).containsExactly(dave);
        assertThat(detail.publicKeys()).containsOnlyKeys(ann, bob);

        readSide.apply(keys.set(conversationId, dave, 1, at(4)));

        assertThat(readSide.find(conversationId, ann).ready()).isTrue();
    }

    @Test
    void the_alias_can_be_changed_and_removed() {
        UUID conversationId = UUID.randomUUID();
        ConversationAliasChanged renamed = new ConversationAliasChanged(conversationId, bob, "New name", at(1));
        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob), "Old name", at(0)), renamed);

        assertThat(readSide.find(conversationId, ann).alias()).isEqualTo("New name");

        readSide.apply(new ConversationAliasChanged(conversationId, ann, null, at(2)));

        assertThat(readSide.find(conversationId, ann).alias()).isNull();
        assertThat(readSide.summary(bob, conversationId).alias()).isNull();

        readSide.apply(renamed);
        assertThat(readSide.find(conversationId, ann).alias()).as("an older change delivered again").isNull();
    }

    @Test
    void read_times_show_the_members_that_have_read_and_never_move_back() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob, carol), null, at(0)),
                new ConversationRead(conversationId, bob, at(10)));

        assertThat(readSide.find(conversationId, ann).readTimes()).containsExactly(Map.entry(bob, at(10)));

        readSide.apply(new ConversationRead(conversationId, bob, at(5)), new ConversationRead(conversationId, carol, at(7)));

        assertThat(readSide.find(conversationId, carol).readTimes()).containsOnly(
                Map.entry(bob, at(10)), Map.entry(carol, at(7)));
    }

    @Test
    void a_member_who_left_no_longer_sees_the_conversation_and_comes_back_without_keys() {
        UUID conversationId = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, bob, carol), null, at(0)),
                keys.set(conversationId, ann, 1, at(1)),
                keys.set(conversationId, carol, 1, at(2)));

        readSide.apply(new ConversationMemberLeft(conversationId, carol, at(3)));

        assertThat(readSide.find(conversationId, carol)).isNull();
        assertThat(readSide.summary(carol, conversationId)).isNull();
        ConversationDetailView seenByAnn = readSide.find(conversationId, ann);
        assertThat(seenByAnn.members()).extracting(MemberView::userId).containsExactlyInAnyOrder(ann, bob);
        assertThat(seenByAnn.publicKeys()).containsOnlyKeys(ann);

        readSide.apply(new ConversationMembersAdded(conversationId, ann, List.of(carol), at(4)));

        ConversationDetailView seenByCarol = readSide.find(conversationId, carol);
        assertThat(seenByCarol.privateKey()).isNull();
        assertThat(seenByCarol.membersWithoutKeys()).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void a_closed_conversation_disappears_for_everyone_and_stays_closed_when_old_events_come_again() {
        UUID conversationId = UUID.randomUUID();
        GroupConversationStarted started = new GroupConversationStarted(conversationId, ann, List.of(ann, bob), null, at(0));
        ConversationMembersAdded added = new ConversationMembersAdded(conversationId, ann, List.of(carol), at(1));
        readSide.apply(started, added,
                new ConversationMemberLeft(conversationId, ann, at(2)),
                new ConversationMemberLeft(conversationId, bob, at(3)),
                new ConversationMemberLeft(conversationId, carol, at(4)),
                new ConversationClosed(conversationId, at(4)));

        readSide.apply(started, added);

        for (UUID member : List.of(ann, bob, carol)) {
            assertThat(readSide.find(conversationId, member)).isNull();
            assertThat(readSide.summary(member, conversationId)).isNull();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM conversation_member_view WHERE conversation_id = ?",
                Integer.class, conversationId)).isZero();
    }

    @Test
    void a_member_whose_account_is_gone_is_shown_as_deleted_user() {
        UUID conversationId = UUID.randomUUID();
        UUID gone = UUID.randomUUID();

        readSide.apply(new GroupConversationStarted(conversationId, ann, List.of(ann, gone), null, at(0)));

        assertThat(readSide.find(conversationId, ann).members())
                .containsExactlyInAnyOrder(new MemberView(ann, "Ann"), new MemberView(gone, "deleted user"));
        assertThat(readSide.summary(ann, conversationId).members())
                .containsExactlyInAnyOrder(new MemberView(ann, "Ann"), new MemberView(gone, "deleted user"));
    }

    @Test
    void every_event_delivered_twice_reads_exactly_as_delivered_once() {
        UUID once = UUID.randomUUID();
        UUID twice = UUID.randomUUID();

        readSide.apply(lifeOf(once).toArray());
        readSide.applyTwice(lifeOf(twice).toArray());

        for (UUID member : List.of(ann, bob, carol, dave)) {
            assertThat(comparable(readSide.find(twice, member), twice))
                    .isEqualTo(comparable(readSide.find(once, member), once));
            assertThat(comparable(readSide.summary(member, twice), twice))
                    .isEqualTo(comparable(readSide.summary(member, once), once));
        }
        assertThat(readSide.find(once, carol)).isNull();
        assertThat(readSide.find(once, dave).privateKey()).isEqualTo(Keys.privateKey(once, dave, 1));
    }

    @Test
    void redelivering_every_event_again_after_the_last_changes_no_row() {
        UUID group = UUID.randomUUID();
        UUID pair = UUID.randomUUID();
        List<Object> events = new ArrayList<>(lifeOf(group));
        events.add(new PrivateConversationStarted(pair, carol, dave, at(0)));
        events.add(keys.set(pair, carol, 1, at(1)));
        events.add(new ConversationRead(pair, dave, at(2)));
        readSide.apply(events.toArray());
        List<Map<String, Object>> before = rowsOf(group, pair);

        readSide.apply(events.toArray());

        assertThat(rowsOf(group, pair)).isEqualTo(before);
    }

    /** A group's life: keys set, rotated and resealed, a rename, reads, a member added and one leaving. */
    private List<Object> lifeOf(UUID conversationId) {
        return List.of(
                new GroupConversationStarted(conversationId, ann, List.of(ann, bob, carol), "Plans", at(0)),
                keys.set(conversationId, ann, 1, at(1)),
                keys.set(conversationId, bob, 1, at(2)),
                new ConversationAliasChanged(conversationId, bob, "Trip plans", at(3)),
                new ConversationRead(conversationId, bob, at(4)),
                new ConversationMembersAdded(conversationId, ann, List.of(dave), at(5)),
                keys.set(conversationId, ann, 2, at(6)),
                keys.resealed(conversationId, bob, 1, at(7)),
                new ConversationMemberLeft(conversationId, carol, at(8)),
                keys.set(conversationId, dave, 1, at(9)),
                new ConversationRead(conversationId, dave, at(10)));
    }

    /** An answer with its conversation id taken out, so answers about two conversations can be compared. */
    private static String comparable(Object answer, UUID conversationId) {
        if (answer instanceof ConversationDetailView detail) {
            return String.join("|", String.valueOf(detail.isPrivate()), String.valueOf(detail.alias()),
                    detail.members().toString(), new TreeMap<>(detail.readTimes()).toString(),
                    new TreeMap<>(detail.publicKeys()).toString(), String.valueOf(detail.privateKey()),
                    String.valueOf(detail.ready()), detail.membersWithoutKeys().toString())
                    .replace(conversationId.toString(), "<id>");
        }
        return String.valueOf(answer).replace(conversationId.toString(), "<id>");
    }

    private List<Map<String, Object>> rowsOf(UUID... conversationIds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UUID conversationId : conversationIds) {
            rows.addAll(jdbc.queryForList("SELECT * FROM conversation_view WHERE conversation_id = ?", conversationId));
            rows.addAll(jdbc.queryForList(
                    "SELECT * FROM conversation_member_view WHERE conversation_id = ? ORDER BY user_id", conversationId));
        }
        return rows;
    }

    private String sealedPrivateKey(UUID conversationId, UUID userId) {
        return jdbc.queryForObject("""
                        SELECT sealed_private_key FROM conversation_member_view WHERE conversation_id = ? AND user_id = ?""",
                String.class, conversationId, userId);
    }
}
