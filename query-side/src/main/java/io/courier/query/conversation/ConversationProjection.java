package io.courier.query.conversation;

import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.query.support.Utc;
import io.courier.query.support.Writes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Projects conversations, their current members, read markers and sealed keys into
 * {@code conversation_view} and {@code conversation_member_view}. Tracking processors deliver at least
 * once, so every write is an upsert or carries a guard that makes a second delivery change nothing;
 * key material is stored exactly as the events carry it, sealed.
 */
@Component
@ProcessingGroup(ConversationProjection.PROCESSING_GROUP)
class ConversationProjection {

    static final String PROCESSING_GROUP = "conversations";

    /** Members are only ever added to a conversation that is not closed, even by a redelivered event. */
    private static final String NOT_CLOSED = """
            NOT EXISTS (SELECT 1 FROM conversation_view c WHERE c.conversation_id = :conversationId AND c.closed)""";

    private final DatabaseClient db;

    ConversationProjection(DatabaseClient db) {
        this.db = db;
    }

    @EventHandler
    void on(PrivateConversationStarted event) {
        db.sql("""
                        WITH conversation AS (
                            INSERT INTO conversation_view (conversation_id, is_private, started_at,
                                                           private_user_low, private_user_high)
                            VALUES (:conversationId, TRUE, :startedAt,
                                    LEAST(CAST(:startedBy AS uuid), CAST(:otherUserId AS uuid)),
                                    GREATEST(CAST(:startedBy AS uuid), CAST(:otherUserId AS uuid)))
                            ON CONFLICT DO NOTHING)
                        INSERT INTO conversation_member_view (conversation_id, user_id, joined_at)
                        VALUES (:conversationId, :startedBy, :startedAt), (:conversationId, :otherUserId, :startedAt)
                        ON CONFLICT DO NOTHING""")
                .bind("conversationId", event.conversationId())
                .bind("startedBy", event.startedBy())
                .bind("otherUserId", event.otherUserId())
                .bind("startedAt", Utc.of(event.startedAt()))
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(GroupConversationStarted event) {
        bindAlias(db.sql("""
                        WITH conversation AS (
                            INSERT INTO conversation_view (conversation_id, is_private, alias, alias_changed_at, started_at)
                            VALUES (:conversationId, FALSE, :alias, :startedAt, :startedAt)
                            ON CONFLICT DO NOTHING)
                        INSERT INTO conversation_member_view (conversation_id, user_id, joined_at)
                        SELECT :conversationId, member_id, :startedAt FROM unnest(CAST(:memberIds AS uuid[])) AS member_id
                        WHERE %s
                        ON CONFLICT DO NOTHING""".formatted(NOT_CLOSED)), event.alias())
                .bind("conversationId", event.conversationId())
                .bind("startedAt", Utc.of(event.startedAt()))
                .bind("memberIds", event.memberIds().toArray(UUID[]::new))
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(ConversationMembersAdded event) {
        db.sql("""
                        INSERT INTO conversation_member_view (conversation_id, user_id, joined_at)
                        SELECT :conversationId, member_id, :addedAt FROM unnest(CAST(:memberIds AS uuid[])) AS member_id
                        WHERE %s
                        ON CONFLICT DO NOTHING""".formatted(NOT_CLOSED))
                .bind("conversationId", event.conversationId())
                .bind("addedAt", Utc.of(event.addedAt()))
                .bind("memberIds", event.memberIds().toArray(UUID[]::new))
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(ConversationAliasChanged event) {
        bindAlias(db.sql("""
                        UPDATE conversation_view SET alias = :alias, alias_changed_at = :changedAt
                        WHERE conversation_id = :conversationId
                          AND (alias_changed_at IS NULL OR alias_changed_at <= :changedAt)"""), event.alias())
                .bind("conversationId", event.conversationId())
                .bind("changedAt", Utc.of(event.changedAt()))
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(ConversationKeysSet event) {
        db.sql("""
                        UPDATE conversation_member_view
                        SET sealed_public_key = :sealedPublicKey, sealed_private_key = :sealedPrivateKey,
                            keys_set_at = :setAt, keys_sealed_at = :setAt
                        WHERE conversation_id = :conversationId AND user_id = :userId
                          AND (keys_sealed_at IS NULL OR keys_sealed_at <= :setAt)""")
                .bind("conversationId", event.conversationId())
                .bind("userId", event.userId())
                .bind("sealedPublicKey", event.keys().sealedPublicKey())
                .bind("sealedPrivateKey", event.keys().sealedPrivateKey())
                .bind("setAt", Utc.of(event.setAt()))
                .then().block(Writes.TIMEOUT);
    }

    /** The same keys under the vault's current key: when they were set does not change. */
    @EventHandler
    void on(ConversationKeysResealed event) {
        db.sql("""
                        UPDATE conversation_member_view
                        SET sealed_public_key = :sealedPublicKey, sealed_private_key = :sealedPrivateKey,
                            keys_sealed_at = :resealedAt
                        WHERE conversation_id = :conversationId AND user_id = :userId
                          AND keys_sealed_at <= :resealedAt""")
                .bind("conversationId", event.conversationId())
                .bind("userId", event.userId())
                .bind("sealedPublicKey", event.keys().sealedPublicKey())
                .bind("sealedPrivateKey", event.keys().sealedPrivateKey())
                .bind("resealedAt", Utc.of(event.resealedAt()))
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(ConversationRead event) {
        db.sql("""
                        UPDATE conversation_member_view SET last_read_at = :readAt
                        WHERE conversation_id = :conversationId AND user_id = :userId
                          AND (last_read_at IS NULL OR last_read_at < :readAt)""")
                .bind("conversationId", event.conversationId())
                .bind("userId", event.userId())
                .bind("readAt", Utc.of(event.readAt()))
                .then().block(Writes.TIMEOUT);
    }

    /** The member and its keys are gone; a member added again later starts without keys. */
    @EventHandler
    void on(ConversationMemberLeft event) {
        db.sql("DELETE FROM conversation_member_view WHERE conversation_id = :conversationId AND user_id = :userId")
                .bind("conversationId", event.conversationId())
                .bind("userId", event.userId())
                .then().block(Writes.TIMEOUT);
    }

    @EventHandler
    void on(ConversationClosed event) {
        db.sql("""
                        WITH closed AS (
                            UPDATE conversation_view SET closed = TRUE WHERE conversation_id = :conversationId)
                        DELETE FROM conversation_member_view WHERE conversation_id = :conversationId""")
                .bind("conversationId", event.conversationId())
                .then().block(Writes.TIMEOUT);
    }

    @ResetHandler
    void reset() {
        db.sql("TRUNCATE conversation_view, conversation_member_view").then().block(Writes.TIMEOUT);
    }

    private static DatabaseClient.GenericExecuteSpec bindAlias(DatabaseClient.GenericExecuteSpec statement, String alias) {
        return alias == null ? statement.bindNull("alias", String.class) : statement.bind("alias", alias);
    }
}
