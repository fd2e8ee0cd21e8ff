package io.courier.query.account;

import io.courier.api.account.AccountDeleted;
import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokenReusedWithinGrace;
import io.courier.api.account.RefreshTokenRotated;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.SealedFields;
import io.courier.vault.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One row per refresh-token family: the user's signed-in devices, with the user agent and address of the
 * login that opened each (opened with the user's data key; null when unknown or unreadable). Writes are idempotent.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class SessionProjection {

    private final DatabaseClient db;
    private final PersonalData personalData;

    SessionProjection(DatabaseClient db, PersonalData personalData) {
        this.db = db;
        this.personalData = personalData;
    }

    @EventHandler
    void on(RefreshTokenIssued event) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO session_view (family_id, user_id, started_at, last_refreshed_at, expires_at,
                                                  user_agent, address)
                        VALUES (:familyId, :userId, :startedAt, :startedAt, :expiresAt, :userAgent, :address)
                        ON CONFLICT (family_id) DO NOTHING""")
                .bind("familyId", event.familyId())
                .bind("userId", event.userId())
                .bind("startedAt", utc(event.issuedAt()))
                .bind("expiresAt", utc(event.expiresAt()));
        insert = bindOpened(insert, "userAgent", event.userId(), SealedFields.USER_AGENT, event.sealedUserAgent());
        insert = bindOpened(insert, "address", event.userId(), SealedFields.ADDRESS, event.sealedAddress());
        insert.then().block(AccountProjection.WRITE_TIMEOUT);
    }

    @EventHandler
    void on(RefreshTokenRotated event) {
        touched(event.familyId(), event.rotatedAt(), event.expiresAt());
    }

    /**
     * Every rotation touches its session, thousands of times a second under load: the touches of one
     * batch of events are written together, in one statement, when the batch commits (before its
     * token is stored, so a failure redelivers the batch).
     */
    private void touched(UUID familyId, Instant refreshedAt, Instant expiresAt) {
        if (!CurrentUnitOfWork.isStarted()) {
            new SessionTouches(db).add(familyId, refreshedAt, expiresAt).write();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(SessionTouches.class.getName(), key -> {
            SessionTouches touches = new SessionTouches(db);
            batch.onPrepareCommit(unitOfWork -> touches.write());
            return touches;
        }).add(familyId, refreshedAt, expiresAt);
    }

    @EventHandler
    void on(RefreshTokenReusedWithinGrace event) {
        touched(event.familyId(), event.reusedAt(), event.expiresAt());
    }

    @EventHandler
    void on(RefreshTokenFamilyRevoked event) {
        db.sql("UPDATE session_view SET revoked_at = :revokedAt WHERE family_id = :familyId AND revoked_at IS NULL")
                .bind("familyId", event.familyId())
                .bind("revokedAt", utc(event.revokedAt()))
                .then().block(AccountProjection.WRITE_TIMEOUT);
    }

    @EventHandler
    void on(RefreshTokensRevoked event) {
        db.sql("""
                        UPDATE session_view SET revoked_at = :revokedAt
                        WHERE user_id = :userId AND revoked_at IS NULL AND started_at <= :revokedAt""")
                .bind("userId", event.userId())
                .bind("revokedAt", utc(event.revokedAt()))
                .then().block(AccountProjection.WRITE_TIMEOUT);
    }

    @EventHandler
    void on(AccountDeleted event) {
        db.sql("DELETE FROM session_view WHERE user_id = :userId")
                .bind("userId", event.userId())
                .then().block(AccountProjection.WRITE_TIMEOUT);
    }

    @ResetHandler
    void reset() {
        db.sql("TRUNCATE session_view").then().block(AccountProjection.WRITE_TIMEOUT);
    }

    private DatabaseClient.GenericExecuteSpec bindOpened(DatabaseClient.GenericExecuteSpec spec, String name,
                                                        UUID owner, String field, String sealed) {
        return personalData.open(owner, field, sealed).map(value -> spec.bind(name, value))
                .orElseGet(() -> spec.bindNull(name, String.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
