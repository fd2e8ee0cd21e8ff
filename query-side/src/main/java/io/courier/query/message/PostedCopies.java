package io.courier.query.message;

import io.courier.api.message.MessageGroupPosted;
import io.courier.query.support.Utc;
import io.courier.query.support.Writes;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The per-recipient copies of the message groups posted in one batch of events, and the latest message
 * of each conversation among them, written in one statement: one multi-row INSERT plus one activity
 * upsert per conversation. The rows travel as arrays (unnest), so the statement text never changes:
 * prepared once, whatever the batch size, and clear of PostgreSQL's limit on bind parameters.
 */
final class PostedCopies {

    /** Flushed early past this much ciphertext, so that a batch of large groups never sits in memory whole. */
    static final long MAX_BUFFERED_CHARS = 8L * 1024 * 1024;

    /*
     * One statement, so one commit per batch, and that commit asynchronous (set_config(..., true) lasts for
     * the statement's own transaction): nothing is lost by not waiting for its WAL flush, because the
     * batch's token is committed synchronously right after it, and flushing the WAL up to the token's
     * commit flushes these rows too. A crash before that redelivers the batch.
     */
    private static final String WRITE = """
            WITH no_flush_wait AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true)),
            copies AS (
                INSERT INTO message_copy_view (message_group_id, recipient_id, conversation_id, sender_id, content, sent_at)
                SELECT * FROM unnest(CAST(:groupIds AS uuid[]), CAST(:recipientIds AS uuid[]),
                                     CAST(:conversationIds AS uuid[]), CAST(:senderIds AS uuid[]),
                                     CAST(:contents AS text[]), CAST(:sentAts AS timestamptz[]))
                ON CONFLICT (message_group_id, recipient_id) DO NOTHING)
            INSERT INTO conversation_activity_view (conversation_id, last_message_at)
            SELECT activity.conversation_id, activity.last_message_at
            FROM unnest(CAST(:activeConversationIds AS uuid[]), CAST(:lastMessageAts AS timestamptz[]))
                 AS activity(conversation_id, last_message_at)
            CROSS JOIN no_flush_wait
            ON CONFLICT (conversation_id) DO UPDATE
            SET last_message_at = GREATEST(conversation_activity_view.last_message_at, EXCLUDED.last_message_at)""";

    private final DatabaseClient db;
    private final List<UUID> groupIds = new ArrayList<>();
    private final List<UUID> recipientIds = new ArrayList<>();
    private final List<UUID> conversationIds = new ArrayList<>();
    private final List<UUID> senderIds = new ArrayList<>();
    private final List<String> contents = new ArrayList<>();
    private final List<OffsetDateTime> sentAts = new ArrayList<>();
    // sorted: concurrent batches (several segments or nodes) then lock activity rows in the same order
    private final Map<UUID, Instant> latestByConversation = new TreeMap<>();
    private long bufferedChars;

    PostedCopies(DatabaseClient db) {
        this.db = db;
    }

    PostedCopies add(MessageGroupPosted event) {
        OffsetDateTime sentAt = Utc.of(event.sentAt());
        event.encryptedMessages().forEach((recipientId, content) -> {
            groupIds.add(event.messageGroupId());
            recipientIds.add(recipientId);
            conversationIds.add(event.conversationId());
            senderIds.add(event.senderId());
            contents.add(content);
            sentAts.add(sentAt);
            bufferedChars += content.length();
        });
        latestByConversation.merge(event.conversationId(), event.sentAt(),
                (earlier, later) -> later.isAfter(earlier) ? later : earlier);
        if (bufferedChars > MAX_BUFFERED_CHARS) {
            write();
        }
        return this;
    }

    void write() {
        if (latestByConversation.isEmpty()) {
            return;
        }
        db.sql(WRITE)
                .bind("groupIds", groupIds.toArray(UUID[]::new))
                .bind("recipientIds", recipientIds.toArray(UUID[]::new))
                .bind("conversationIds", conversationIds.toArray(UUID[]::new))
                .bind("senderIds", senderIds.toArray(UUID[]::new))
                .bind("contents", contents.toArray(String[]::new))
                .bind("sentAts", sentAts.toArray(OffsetDateTime[]::new))
                .bind("activeConversationIds", latestByConversation.keySet().toArray(UUID[]::new))
                .bind("lastMessageAts", latestByConversation.values().stream().map(Utc::of).toArray(OffsetDateTime[]::new))
                .then().block(Writes.TIMEOUT);
        clear();
    }

    private void clear() {
        groupIds.clear();
        recipientIds.clear();
        conversationIds.clear();
        senderIds.clear();
        contents.clear();
        sentAts.clear();
        latestByConversation.clear();
        bufferedChars = 0;
    }
}
