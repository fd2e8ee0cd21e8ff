package io.courier.query.conversation;

import io.courier.api.conversation.ConversationDetailView;
import io.courier.api.conversation.MemberView;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation as one member sees it, read in one statement: nothing at all unless the caller is a
 * current member of a conversation that is not closed.
 */
@Component
class ConversationDetails {

    private static final String DETAIL = """
            WITH target AS (%s)
            SELECT c.conversation_id, c.is_private, c.alias,
                   m.user_id, a.display_name, m.last_read_at, m.sealed_public_key,
                   CASE WHEN m.user_id = :caller THEN m.sealed_private_key END AS sealed_private_key
            FROM target t
            JOIN conversation_view c ON c.conversation_id = t.conversation_id AND NOT c.closed
            JOIN conversation_member_view m ON m.conversation_id = c.conversation_id
            LEFT JOIN account_view a ON a.user_id = m.user_id
            WHERE EXISTS (SELECT 1 FROM conversation_member_view me
                          WHERE me.conversation_id = c.conversation_id AND me.user_id = :caller)
            ORDER BY m.joined_at, m.user_id""";

    private static final String BY_ID = DETAIL.formatted("SELECT CAST(:conversationId AS uuid) AS conversation_id");

    private static final String PRIVATE_PAIR = DETAIL.formatted("""
            SELECT conversation_id FROM conversation_view
            WHERE private_user_low = LEAST(CAST(:caller AS uuid), CAST(:otherUserId AS uuid))
              AND private_user_high = GREATEST(CAST(:caller AS uuid), CAST(:otherUserId AS uuid))""");

    private final DatabaseClient db;
    private final SealedKeys keys;

    ConversationDetails(DatabaseClient db, SealedKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    Mono<ConversationDetailView> find(UUID conversationId, UUID caller) {
        return read(db.sql(BY_ID).bind("conversationId", conversationId).bind("caller", caller), caller);
    }

    Mono<ConversationDetailView> findPrivate(UUID caller, UUID otherUserId) {
        return read(db.sql(PRIVATE_PAIR).bind("caller", caller).bind("otherUserId", otherUserId), caller);
    }

    private Mono<ConversationDetailView> read(DatabaseClient.GenericExecuteSpec statement, UUID caller) {
        return statement.map(row -> new Row(Heading.read(row), MemberRow.read(row))).all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(view(rows, caller)));
    }

    private ConversationDetailView view(List<Row> rows, UUID caller) {
        Heading heading = rows.get(0).heading();
        UUID conversationId = heading.conversationId();
        List<MemberView> members = new ArrayList<>();
        Map<UUID, Instant> readTimes = new LinkedHashMap<>();
        Map<UUID, String> publicKeys = new LinkedHashMap<>();
        List<UUID> withoutKeys = new ArrayList<>();
        String privateKey = null;
        for (Row row : rows) {
            MemberRow member = row.member();
            members.add(member.toView());
            if (member.lastReadAt() != null) {
                readTimes.put(member.userId(), member.lastReadAt());
            }
            if (!member.hasKeys()) {
                withoutKeys.add(member.userId());
                continue;
            }
            publicKeys.put(member.userId(), keys.openPublicKey(conversationId, member.userId(), member.sealedPublicKey()));
            if (member.userId().equals(caller) && member.sealedPrivateKey() != null) {
                privateKey = keys.openPrivateKey(conversationId, caller, member.sealedPrivateKey());
            }
        }
        return new ConversationDetailView(conversationId, heading.isPrivate(), heading.alias(), List.copyOf(members),
                Collections.unmodifiableMap(readTimes), Collections.unmodifiableMap(publicKeys), privateKey,
                withoutKeys.isEmpty(), List.copyOf(withoutKeys));
    }

    private record Heading(UUID conversationId, boolean isPrivate, String alias) {

        static Heading read(Readable row) {
            return new Heading(row.get("conversation_id", UUID.class), row.get("is_private", Boolean.class),
                    row.get("alias", String.class));
        }
    }

    private record Row(Heading heading, MemberRow member) {
    }
}
