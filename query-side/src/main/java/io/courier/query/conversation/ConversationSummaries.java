package io.courier.query.conversation;

import io.courier.api.conversation.ConversationSummaryView;
import io.courier.api.conversation.MemberView;
import io.courier.query.support.DisplayNames;
import io.courier.query.support.Utc;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The caller's conversations, most recent activity first (the last message, or the start when there is
 * none yet), each with its members and the caller's unread count, in one statement.
 * <p>
 * The unread count walks the caller's own history index from the last read marker on, and stops at
 * {@link #UNREAD_CAP}: a client shows "1000+" rather than the server counting a neglected conversation's
 * every message on each listing.
 */
@Component
class ConversationSummaries {

    static final int UNREAD_CAP = 1000;

    private static final String LIST = """
            SELECT c.conversation_id, c.is_private, c.alias, act.last_message_at,
                   (SELECT count(*) FROM (
                        SELECT 1 FROM message_copy_view mc
                        WHERE mc.recipient_id = me.user_id AND mc.conversation_id = me.conversation_id
                          AND mc.sent_at > COALESCE(me.last_read_at, '-infinity')
                          AND mc.sender_id <> me.user_id AND NOT mc.deleted
                        LIMIT %d) unread) AS unread_count,
                   members.user_ids, members.display_names, members.ready
            FROM conversation_member_view me
            JOIN conversation_view c ON c.conversation_id = me.conversation_id AND NOT c.closed
            LEFT JOIN conversation_activity_view act ON act.conversation_id = c.conversation_id
            CROSS JOIN LATERAL (
                SELECT array_agg(m.user_id ORDER BY m.joined_at, m.user_id) AS user_ids,
                       array_agg(a.display_name ORDER BY m.joined_at, m.user_id) AS display_names,
                       bool_and(m.sealed_public_key IS NOT NULL) AS ready
                FROM conversation_member_view m
                LEFT JOIN account_view a ON a.user_id = m.user_id
                WHERE m.conversation_id = c.conversation_id) members
            WHERE me.user_id = :caller
            ORDER BY COALESCE(act.last_message_at, c.started_at) DESC, c.conversation_id""".formatted(UNREAD_CAP);

    private final DatabaseClient db;

    ConversationSummaries(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<ConversationSummaryView>> of(UUID caller) {
        return db.sql(LIST).bind("caller", caller).map(ConversationSummaries::summary).all().collectList();
    }

    private static ConversationSummaryView summary(Readable row) {
        UUID[] userIds = row.get("user_ids", UUID[].class);
        String[] displayNames = row.get("display_names", String[].class);
        List<MemberView> members = new ArrayList<>(userIds.length);
        for (int i = 0; i < userIds.length; i++) {
            members.add(new MemberView(userIds[i], DisplayNames.shown(displayNames[i])));
        }
        return new ConversationSummaryView(row.get("conversation_id", UUID.class), row.get("is_private", Boolean.class),
                row.get("alias", String.class), List.copyOf(members), row.get("ready", Boolean.class),
                Utc.instant(row.get("last_message_at", OffsetDateTime.class)), row.get("unread_count", Long.class));
    }
}
