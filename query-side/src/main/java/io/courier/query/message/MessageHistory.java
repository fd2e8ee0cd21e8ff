package io.courier.query.message;

import io.courier.api.message.HistoryCursor;
import io.courier.api.message.MessagePage;
import io.courier.api.message.MessageView;
import io.courier.query.support.DisplayNames;
import io.courier.query.support.Utc;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Pages of one member's own copy of a conversation's history, newest first, by key: a page holds the
 * items strictly older than the cursor, so messages arriving meanwhile never shift or repeat items.
 * One more row than asked for is read to learn whether another page follows; it is never returned.
 */
@Component
class MessageHistory {

    static final int MAX_LIMIT = 200;

    // The membership check and the page are one statement: no row at all means "not a member"; a member
    // with nothing (more) to read gets one row whose message columns are null.
    private static final String PAGE = """
            SELECT h.message_group_id, h.sender_id, a.display_name, h.content, h.sent_at, h.edited_at, h.deleted
            FROM conversation_member_view me
            JOIN conversation_view c ON c.conversation_id = me.conversation_id AND NOT c.closed
            LEFT JOIN LATERAL (
                SELECT mc.message_group_id, mc.sender_id, mc.content, mc.sent_at, mc.edited_at, mc.deleted
                FROM message_copy_view mc
                WHERE mc.recipient_id = :recipientId AND mc.conversation_id = :conversationId %s
                ORDER BY mc.sent_at DESC, mc.message_group_id DESC
                LIMIT :fetch) h ON TRUE
            LEFT JOIN account_view a ON a.user_id = h.sender_id
            WHERE me.conversation_id = :conversationId AND me.user_id = :recipientId
            ORDER BY h.sent_at DESC, h.message_group_id DESC""";

    private static final String NEWEST = PAGE.formatted("");
    private static final String OLDER = PAGE.formatted(
            "AND (mc.sent_at, mc.message_group_id) < (CAST(:beforeSentAt AS timestamptz), CAST(:beforeId AS uuid))");

    private final DatabaseClient db;

    MessageHistory(DatabaseClient db) {
        this.db = db;
    }

    /** Empty when {@code recipientId} is not a current member; {@code limit} is held to 1..200. */
    Mono<MessagePage> page(UUID conversationId, UUID recipientId, HistoryCursor before, int limit) {
        int size = Math.max(1, Math.min(MAX_LIMIT, limit));
        DatabaseClient.GenericExecuteSpec statement = db.sql(before == null ? NEWEST : OLDER)
                .bind("conversationId", conversationId)
                .bind("recipientId", recipientId)
                .bind("fetch", size + 1);
        if (before != null) {
            statement = statement.bind("beforeSentAt", Utc.of(before.sentAt())).bind("beforeId", before.messageGroupId());
        }
        return statement.map(MessageHistory::item).all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(page(rows, size)));
    }

    private static MessagePage page(List<Optional<MessageView>> rows, int size) {
        List<MessageView> items = new ArrayList<>(Math.min(rows.size(), size));
        for (Optional<MessageView> row : rows) {
            row.ifPresent(items::add);
        }
        if (items.size() <= size) {
            return new MessagePage(List.copyOf(items), null);
        }
        MessageView last = items.get(size - 1);
        return new MessagePage(List.copyOf(items.subList(0, size)),
                new HistoryCursor(last.sentAt(), last.messageGroupId()).token());
    }

    private static Optional<MessageView> item(Readable row) {
        UUID messageGroupId = row.get("message_group_id", UUID.class);
        if (messageGroupId == null) {
            return Optional.empty();
        }
        boolean deleted = row.get("deleted", Boolean.class);
        return Optional.of(new MessageView(messageGroupId, row.get("sender_id", UUID.class),
                DisplayNames.shown(row.get("display_name", String.class)),
                deleted ? null : row.get("content", String.class),
                Utc.instant(row.get("sent_at", OffsetDateTime.class)),
                Utc.instant(row.get("edited_at", OffsetDateTime.class)), deleted));
    }
}
