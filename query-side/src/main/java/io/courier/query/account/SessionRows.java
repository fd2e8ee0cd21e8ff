package io.courier.query.account;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

import java.time.OffsetDateTime;
import java.util.UUID;

interface SessionRows extends ReactiveCrudRepository<SessionRow, UUID> {

    @Query("""
            SELECT * FROM session_view
            WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
            ORDER BY started_at DESC""")
    Flux<SessionRow> findActive(UUID userId, OffsetDateTime now);
}
