package io.courier.query.conversation;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** The conversations a user is a current member of, served by the members' user_id index. */
@Component
class Memberships {

    private final DatabaseClient db;

    Memberships(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<UUID>> of(UUID userId) {
        return db.sql("SELECT conversation_id FROM conversation_member_view WHERE user_id = :userId")
                .bind("userId", userId)
                .map(row -> row.get("conversation_id", UUID.class))
                .all()
                .collectList();
    }
}
