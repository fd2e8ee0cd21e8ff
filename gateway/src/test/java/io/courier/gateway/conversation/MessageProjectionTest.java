package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.MessagePage;
import io.courier.api.message.MessageView;
import io.courier.gateway.support.CourierIntegrationTest;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.conversation.Messages.ciphertext;
import static io.courier.gateway.conversation.Messages.deleted;
import static io.courier.gateway.conversation.Messages.edited;
import static io.courier.gateway.conversation.Messages.posted;
import static io.courier.gateway.conversation.Moments.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The messages projection driven with events; each member reads its own copy of the history. */
@CourierIntegrationTest
class MessageProjectionTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    EventBus eventBus;
    @Autowired
    JdbcTemplate jdbc;

    ReadSide readSide;
    UUID ann;
    UUID bob;
    UUID carol;
    UUID dave;
    UUID conversation;

    @BeforeEach
    void setUp() {
        readSide = new ReadSide(context, queryGateway);
        Map<String, UUID> users = new Accounts(eventBus, jdbc).registerNamed("Ann", "Bob", "Carol", "Dave");
        ann = users.get("Ann");
        bob = users.get("Bob");
        carol = users.get("Carol");
        dave = users.get("Dave");
        conversation = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(conversation, ann, List.of(ann, bob, carol), null, at(0)));
    }

    @Test
    void each_recipient_reads_its_own_ciphertext_of_a_posted_group_and_a_non_member_reads_nothing() {
        MessageGroupPosted hello = posted(conversation, ann, at(1), ann, bob, carol);

        readSide.apply(hello);

        for (UUID member : List.of(ann, bob, carol)) {
            MessagePage page = readSide.newest(conversation, member, 50);
            assertThat(page.items()).containsExactly(new MessageView(hello.messageGroupId(), ann, "Ann",
                    ciphertext(hello.messageGroupId(), member, 1), at(1), null, false));
            assertThat(page.nextPageToken()).isNull();
        }
        assertThat(newest(conversation, dave, 50)).isNull();
        assertThat(newest(UUID.randomUUID(), ann, 50)).isNull();
    }

    @Test
    void a_member_with_no_messages_yet_reads_an_empty_page() {
        MessagePage page = newest(conversation, bob, 50);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextPageToken()).isNull();
    }

    @Test
    void history_is_newest_first_in_pages_of_exactly_the_size_asked_with_a_token_only_when_more_may_follow() {
        List<MessageGroupPosted> posts = postSeveral(7, 1);

        MessagePage first = newest(conversation, bob, 3);
        MessagePage second = readSide.older(conversation, bob, first.nextPageToken(), 3);
        MessagePage third = readSide.older(conversation, bob, second.nextPageToken(), 3);

        assertThat(groupIds(first)).containsExactly(idOf(posts, 6), idOf(posts, 5), idOf(posts, 4));
        assertThat(groupIds(second)).containsExactly(idOf(posts, 3), idOf(posts, 2), idOf(posts, 1));
        assertThat(groupIds(third)).containsExactly(idOf(posts, 0));
        assertThat(first.nextPageToken()).isNotNull();
        assertThat(second.nextPageToken()).isNotNull();
        assertThat(third.nextPageToken()).isNull();

        assertThat(newest(conversation, bob, 7).items()).hasSize(7);
        assertThat(newest(conversation, bob, 7).nextPageToken()).isNull();
        MessagePage six = newest(conversation, bob, 6);
        assertThat(six.items()).hasSize(6);
        MessagePage last = readSide.older(conversation, bob, six.nextPageToken(), 6);
        assertThat(groupIds(last)).containsExactly(idOf(posts, 0));
        assertThat(last.nextPageToken()).isNull();
    }

    @Test
    void pages_stay_stable_while_new_messages_arrive_with_nothing_repeated_or_skipped() {
        List<MessageGroupPosted> posts = postSeveral(10, 1);
        List<UUID> seen = new ArrayList<>();

        MessagePage page = newest(conversation, carol, 4);
        seen.addAll(groupIds(page));
        int second = 100;
        while (page.nextPageToken() != null) {
            readSide.applyInOneBatch(posted(conversation, bob, at(second++), ann, bob, carol),
                    posted(conversation, ann, at(second++), ann, bob, carol));
            page = readSide.older(conversation, carol, page.nextPageToken(), 4);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
            seen.addAll(groupIds(page));
        }

        List<UUID> newestFirst = new ArrayList<>(posts.stream().map(MessageGroupPosted::messageGroupId).toList());
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(newest(conversation, carol, 1).items().get(0).sentAt()).isEqualTo(at(second - 1));
    }

    @Test
    void groups_sent_in_the_same_microsecond_are_paged_by_id_without_loss_or_repeat() {
        Instant sameTime = at(42);
        List<MessageGroupPosted> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(posted(conversation, ann, sameTime, ann, bob, carol));
        }
        readSide.applyInOneBatch(posts.toArray());

        MessagePage first = newest(conversation, bob, 4);
        MessagePage second = readSide.older(conversation, bob, first.nextPageToken(), 4);

        List<UUID> seen = new ArrayList<>(groupIds(first));
        seen.addAll(groupIds(second));
        // PostgreSQL orders uuids by their bytes, which is the order of their hex text
        assertThat(seen).containsExactlyElementsOf(posts.stream().map(MessageGroupPosted::messageGroupId)
                .sorted(Comparator.comparing(UUID::toString).reversed()).toList());
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void the_page_size_is_held_between_1_and_200() {
        postSeveral(205, 1);

        MessagePage largest = newest(conversation, ann, 1_000);
        MessagePage smallest = newest(conversation, ann, 0);

        assertThat(largest.items()).hasSize(200);
        assertThat(largest.nextPageToken()).isNotNull();
        assertThat(smallest.items()).hasSize(1);
        assertThat(readSide.older(conversation, ann, largest.nextPageToken(), 200).items()).hasSize(5);
    }

    @Test
    void an_edit_replaces_each_recipient_s_copy_and_an_older_edit_never_wins() {
        MessageGroupPosted original = posted(conversation, bob, at(1), ann, bob, carol);
        MessageGroupEdited older = edited(original, 2, at(2));
        readSide.apply(original, older, edited(original, 3, at(3)));

        readSide.apply(older);

        for (UUID member : List.of(ann, bob, carol)) {
            MessageView item = newest(conversation, member, 10).items().get(0);
            assertThat(item.content()).isEqualTo(ciphertext(original.messageGroupId(), member, 3));
            assertThat(item.sentAt()).isEqualTo(at(1));
            assertThat(item.editedAt()).isEqualTo(at(3));
            assertThat(item.deleted()).isFalse();
        }
    }

    @Test
    void a_deleted_group_is_a_tombstone_in_every_history_and_nothing_brings_its_content_back() {
        MessageGroupPosted before = posted(conversation, ann, at(1), ann, bob, carol);
        MessageGroupPosted doomed = posted(conversation, bob, at(2), ann, bob, carol);
        MessageGroupPosted after = posted(conversation, carol, at(3), ann, bob, carol);
        readSide.apply(before, doomed, after, deleted(doomed, at(4)));

        readSide.apply(edited(doomed, 2, at(5)), doomed);

        for (UUID member : List.of(ann, bob, carol)) {
            List<MessageView> items = newest(conversation, member, 10).items();
            assertThat(items).extracting(MessageView::messageGroupId)
                    .containsExactly(after.messageGroupId(), doomed.messageGroupId(), before.messageGroupId());
            assertThat(items.get(1)).isEqualTo(new MessageView(doomed.messageGroupId(), bob, "Bob", null, at(2), null, true));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_copy_view WHERE message_group_id = ? AND content IS NOT NULL",
                Integer.class, doomed.messageGroupId())).isZero();
    }

    @Test
    void a_batch_writes_its_copies_when_it_commits_and_edits_in_it_find_the_copies_posted_before_them() {
        MessageGroupPosted first = posted(conversation, ann, at(1), ann, bob, carol);
        MessageGroupPosted second = posted(conversation, bob, at(2), ann, bob, carol);
        MessageGroupPosted third = posted(conversation, carol, at(3), ann, bob, carol);

        readSide.applyInOneBatch(() -> assertThat(copiesIn(conversation)).as("third, posted after the last edit, waits")
                        .isEqualTo(6),
                first, edited(first, 2, at(4)), second, deleted(second, at(5)), third);

        assertThat(copiesIn(conversation)).isEqualTo(9);
        List<MessageView> items = newest(conversation, ann, 10).items();
        assertThat(items).extracting(MessageView::content).containsExactly(
                ciphertext(third.messageGroupId(), ann, 1), null, ciphertext(first.messageGroupId(), ann, 2));
        assertThat(items.get(1).deleted()).isTrue();
    }

    @Test
    void a_batch_of_large_groups_is_written_in_parts_and_loses_nothing() {
        String large = "L".repeat(32 * 1024);
        List<Object> posts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID messageGroupId = UUID.randomUUID();
            posts.add(new MessageGroupPosted(messageGroupId, conversation, ann, "client-" + messageGroupId,
                    Map.of(ann, large, bob, large, carol, large), at(1 + i)));
        }

        readSide.applyInOneBatch(() -> assertThat(copiesIn(conversation)).as("written before the batch ends")
                .isPositive(), posts.toArray());

        assertThat(copiesIn(conversation)).isEqualTo(300);
        assertThat(newest(conversation, carol, 200).items()).hasSize(100)
                .allSatisfy(item -> assertThat(item.content()).hasSize(large.length()));
    }

    @Test
    void every_event_delivered_twice_reads_exactly_as_delivered_once_and_no_row_changes_on_redelivery() {
        UUID twice = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(twice, ann, List.of(ann, bob, carol), null, at(0)));
        List<Object> once = lifeOf(conversation);
        List<Object> again = lifeOf(twice);

        readSide.apply(once.toArray());
        readSide.applyTwice(again.toArray());

        for (UUID member : List.of(ann, bob, carol)) {
            assertThat(comparable(newest(twice, member, 50)))
                    .isEqualTo(comparable(newest(conversation, member, 50)));
            assertThat(readSide.summary(member, twice).unreadCount())
                    .isEqualTo(readSide.summary(member, conversation).unreadCount());
            assertThat(readSide.summary(member, twice).lastMessageAt())
                    .isEqualTo(readSide.summary(member, conversation).lastMessageAt());
        }

        List<Map<String, Object>> rows = rowsOf(conversation);
        readSide.apply(once.toArray());
        readSide.applyInOneBatch(once.toArray());
        assertThat(rowsOf(conversation)).isEqualTo(rows);
    }

    @Test
    void unread_counts_others_messages_not_deleted_since_the_member_last_read() {
        MessageGroupPosted fromAnn = posted(conversation, ann, at(1), ann, bob, carol);
        MessageGroupPosted fromBob = posted(conversation, bob, at(2), ann, bob, carol);
        MessageGroupPosted fromCarol = posted(conversation, carol, at(3), ann, bob, carol);
        MessageGroupPosted fromAnnAgain = posted(conversation, ann, at(4), ann, bob, carol);
        readSide.apply(fromAnn, fromBob, fromCarol, fromAnnAgain);

        assertThat(unread(ann)).isEqualTo(2);
        assertThat(unread(bob)).isEqualTo(3);
        assertThat(unread(carol)).isEqualTo(3);

        readSide.apply(deleted(fromCarol, at(5)));
        assertThat(unread(ann)).isEqualTo(1);
        assertThat(unread(bob)).isEqualTo(2);

        // read up to the instant of carol's message: messages sent at or before it are read
        readSide.apply(new ConversationRead(conversation, bob, at(3)));
        assertThat(unread(bob)).isEqualTo(1);

        readSide.apply(posted(conversation, carol, at(6), ann, bob, carol));
        assertThat(unread(bob)).isEqualTo(2);

        readSide.apply(new ConversationRead(conversation, bob, at(6)));
        assertThat(unread(bob)).isZero();
    }

    @Test
    void unread_counts_stop_at_1000() {
        List<Object> posts = new ArrayList<>();
        for (int i = 0; i < 1_005; i++) {
            posts.add(posted(conversation, bob, Moments.atMicros(10_000_000L + i), ann, bob, carol));
        }
        readSide.applyInOneBatch(posts.toArray());

        assertThat(unread(ann)).isEqualTo(1_000);
        assertThat(unread(bob)).isZero();
    }

    @Test
    void conversations_are_listed_by_latest_activity_with_the_time_of_their_last_message() {
        UUID quiet = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(quiet, bob, List.of(bob, ann), null, at(10)),
                new GroupConversationStarted(busy, carol, List.of(carol, ann), null, at(5)),
                posted(conversation, ann, at(50), ann, bob, carol),
                posted(busy, carol, at(100), carol, ann),
                posted(busy, carol, at(90), carol, ann));

        List<ConversationSummaryView> list = readSide.list(ann);

        assertThat(list).extracting(ConversationSummaryView::conversationId).containsExactly(busy, conversation, quiet);
        assertThat(list).extracting(ConversationSummaryView::lastMessageAt).containsExactly(at(100), at(50), null);
    }

    @Test
    void messages_projected_before_their_conversation_still_count_as_its_activity() {
        UUID late = UUID.randomUUID();
        MessageGroupPosted early = posted(late, dave, at(7), dave, ann);
        readSide.apply(early);

        readSide.apply(new GroupConversationStarted(late, dave, List.of(dave, ann), null, at(6)));

        assertThat(readSide.summary(ann, late).lastMessageAt()).isEqualTo(at(7));
        assertThat(readSide.summary(ann, late).unreadCount()).isEqualTo(1);
        assertThat(groupIds(newest(late, ann, 10))).containsExactly(early.messageGroupId());
    }

    @Test
    void a_member_who_left_can_no_longer_read_the_history_and_nobody_reads_a_closed_conversation() {
        readSide.apply(posted(conversation, ann, at(1), ann, bob, carol));

        readSide.apply(new ConversationMemberLeft(conversation, carol, at(2)));

        assertThat(newest(conversation, carol, 50)).isNull();
        assertThat(newest(conversation, bob, 50).items()).hasSize(1);

        readSide.apply(new ConversationMemberLeft(conversation, ann, at(3)), new ConversationMemberLeft(conversation, bob, at(4)),
                new ConversationClosed(conversation, at(4)));

        for (UUID member : List.of(ann, bob, carol)) {
            assertThat(newest(conversation, member, 50)).isNull();
        }
    }

    @Test
    void a_sender_whose_account_is_gone_is_shown_as_deleted_user() {
        UUID gone = UUID.randomUUID();
        UUID withGhost = UUID.randomUUID();
        readSide.apply(new GroupConversationStarted(withGhost, ann, List.of(ann, gone), null, at(0)),
                posted(withGhost, gone, at(1), ann, gone));

        assertThat(newest(withGhost, ann, 10).items().get(0).senderName()).isEqualTo("deleted user");
    }

    private List<Object> lifeOf(UUID conversationId) {
        MessageGroupPosted first = posted(conversationId, ann, at(1), ann, bob, carol);
        MessageGroupPosted second = posted(conversationId, bob, at(2), ann, bob, carol);
        MessageGroupPosted third = posted(conversationId, carol, at(3), ann, bob, carol);
        return List.of(first, second, edited(first, 2, at(4)), third, deleted(second, at(5)),
                new ConversationRead(conversationId, carol, at(2)), edited(third, 2, at(6)),
                posted(conversationId, bob, at(7), ann, bob, carol));
    }

    /** Posts {@code count} groups from alternating senders, one a second from {@code fromSecond} on, in one batch. */
    private List<MessageGroupPosted> postSeveral(int count, int fromSecond) {
        List<MessageGroupPosted> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posts.add(posted(conversation, i % 2 == 0 ? ann : bob, at(fromSecond + i), ann, bob, carol));
        }
        readSide.applyInOneBatch(posts.toArray());
        return posts;
    }

    private MessagePage newest(UUID conversationId, UUID member, int limit) {
        return readSide.newest(conversationId, member, limit);
    }

    private long unread(UUID member) {
        return readSide.summary(member, conversation).unreadCount();
    }

    private int copiesIn(UUID conversationId) {
        return jdbc.queryForObject("SELECT count(*) FROM message_copy_view WHERE conversation_id = ?", Integer.class,
                conversationId);
    }

    private List<Map<String, Object>> rowsOf(UUID conversationId) {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList(
                "SELECT * FROM message_copy_view WHERE conversation_id = ? ORDER BY message_group_id, recipient_id",
                conversationId));
        rows.addAll(jdbc.queryForList("SELECT * FROM conversation_activity_view WHERE conversation_id = ?", conversationId));
        return rows;
    }

    private static UUID idOf(List<MessageGroupPosted> posts, int index) {
        return posts.get(index).messageGroupId();
    }

    private static List<UUID> groupIds(MessagePage page) {
        return page.items().stream().map(MessageView::messageGroupId).toList();
    }

    /** The page with ids and ciphertexts (which name their group) left out: what two histories can share. */
    private static List<String> comparable(MessagePage page) {
        return page.items().stream().map(item -> item.senderName() + "|" + item.sentAt() + "|" + item.editedAt() + "|"
                + item.deleted() + "|" + (item.content() == null ? null : item.content().substring(0, 13))).toList();
    }
}
