package io.courier.query.account;

import io.courier.api.account.SessionView;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Table("session_view")
record SessionRow(@Id UUID familyId, UUID userId, OffsetDateTime startedAt, OffsetDateTime lastRefreshedAt,
                  OffsetDateTime expiresAt, OffsetDateTime revokedAt, String userAgent, String address) {

    SessionView toView() {
        return new SessionView(familyId, startedAt.toInstant(), lastRefreshedAt.toInstant(), expiresAt.toInstant(),
                userAgent, address);
    }
}
