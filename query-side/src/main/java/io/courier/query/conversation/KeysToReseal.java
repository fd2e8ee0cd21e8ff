package io.courier.query.conversation;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Conversations whose members' keys are still sealed under an older vault key, for the re-encryption job.
 * A sealed value starts with {@code v1.<key id>.}, so a prefix comparison tells without opening anything.
 */
@Component
class KeysToReseal {

    private final DatabaseClient db;

    KeysToReseal(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<UUID>> find(String currentKeyId, int limit) {
        String current = "v1." + currentKeyId + ".";
        return db.sql("""
                        SELECT DISTINCT conversation_id FROM conversation_member_view
                        WHERE (sealed_public_key IS NOT NULL AND left(sealed_public_key, :length) <> :current)
                           OR (sealed_private_key IS NOT NULL AND left(sealed_private_key, :length) <> :current)
                        LIMIT :limit""")
                .bind("length", current.length())
                .bind("current", current)
                .bind("limit", Math.max(1, Math.min(limit, 10_000)))
                .map(row -> row.get("conversation_id", UUID.class))
                .all()
                .collectList();
    }
}
