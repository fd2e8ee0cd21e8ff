package io.courier.query.message;

import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.query.support.Utc;
import io.courier.query.support.Writes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Projects message groups into one row per (recipient, group) in {@code message_copy_view}, and each
 * conversation's latest message into {@code conversation_activity_view}.
 * <p>
 * Posting is the hot path (thousands of groups a second): the copies of one batch of events are written
 * together when the batch commits, before its token is stored, so a failure redelivers the whole batch,
 * which {@code ON CONFLICT DO NOTHING} absorbs. Edits and deletes are rare and written per event, after
 * the batch's pending copies, so that they find the rows they change.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
class MessageProjection {

    static final String PROCESSING_GROUP = "messages";

    private static final String PENDING = PostedCopies.class.getName();

    private final DatabaseClient db;

    MessageProjection(DatabaseClient db) {
        this.db = db;
    }

    @EventHandler
    void on(MessageGroupPosted event) {
        if (!CurrentUnitOfWork.isStarted()) {
            new PostedCopies(db).add(event).write();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(PENDING, key -> {
            PostedCopies copies = new PostedCopies(db);
            batch.onPrepareCommit(unitOfWork -> copies.write());
            return copies;
        }).add(event);
    }

    /** Only copies not deleted, and never with an older edit than the one they show. */
    @EventHandler
    void on(MessageGroupEdited event) {
        writePending();
        List<UUID> recipientIds = new ArrayList<>(event.encryptedMessages().size());
        List<String> contents = new ArrayList<>(event.encryptedMessages().size());
        for (Map.Entry<UUID, String> message : event.encryptedMessages().entrySet()) {
            recipientIds.add(message.getKey());
            contents.add(message.getValue());
        }
        db.sql("""
                        UPDATE message_copy_view mc SET content = edit.content, edited_at = :editedAt
                        FROM unnest(CAST(:recipientIds AS uuid[]), CAST(:contents AS text[])) AS edit(recipient_id, content)
                        WHERE mc.message_group_id = :messageGroupId AND mc.recipient_id = edit.recipient_id
                          AND NOT mc.deleted AND (mc.edited_at IS NULL OR mc.edited_at <= :editedAt)""")
                .bind("messageGroupId", event.messageGroupId())
                .bind("recipientIds", recipientIds.toArray(UUID[]::new))
                .bind("contents", contents.toArray(String[]::new))
                .bind("editedAt", Utc.of(event.editedAt()))
                .then().block(Writes.TIMEOUT);
    }

    /** A tombstone: the row stays in every recipient's history, its ciphertext is gone. */
    @EventHandler
    void on(MessageGroupDeleted event) {
        writePending();
        db.sql("""
                        UPDATE message_copy_view SET content = NULL, deleted = TRUE
                        WHERE message_group_id = :messageGroupId AND NOT deleted""")
                .bind("messageGroupId", event.messageGroupId())
                .then().block(Writes.TIMEOUT);
    }

    @ResetHandler
    void reset() {
        db.sql("TRUNCATE message_copy_view, conversation_activity_view").then().block(Writes.TIMEOUT);
    }

    private static void writePending() {
        if (CurrentUnitOfWork.isStarted()) {
            PostedCopies pending = CurrentUnitOfWork.get().root().getResource(PENDING);
            if (pending != null) {
                pending.write();
            }
        }
    }
}
