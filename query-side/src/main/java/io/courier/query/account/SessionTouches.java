package io.courier.query.account;

import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The latest refresh of each session seen in one batch of events, written as one UPDATE. Only the
 * latest per session matters, and the {@code last_refreshed_at <=} guard keeps a redelivered, older
 * batch from moving a session back in time.
 */
final class SessionTouches {

    private final DatabaseClient db;
    private final Map<UUID, Touch> latestBySession = new LinkedHashMap<>();

    SessionTouches(DatabaseClient db) {
        this.db = db;
    }

    SessionTouches add(UUID familyId, Instant refreshedAt, Instant expiresAt) {
        latestBySession.merge(familyId, new Touch(refreshedAt, expiresAt),
                (earlier, later) -> later.refreshedAt().isAfter(earlier.refreshedAt()) ? later : earlier);
        return this;
    }

    void write() {
        if (latestBySession.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        int i = 0;
        for (int n = latestBySession.size(); i < n; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(CAST(:f").append(i).append(" AS uuid), CAST(:r").append(i)
                    .append(" AS timestamptz), CAST(:e").append(i).append(" AS timestamptz))");
        }
        DatabaseClient.GenericExecuteSpec update = db.sql("""
                UPDATE session_view s SET last_refreshed_at = v.refreshed_at, expires_at = v.expires_at
                FROM (VALUES %s) AS v(family_id, refreshed_at, expires_at)
                WHERE s.family_id = v.family_id AND s.last_refreshed_at <= v.refreshed_at""".formatted(values));
        i = 0;
        for (Map.Entry<UUID, Touch> touch : latestBySession.entrySet()) {
            update = update.bind("f" + i, touch.getKey())
                    .bind("r" + i, utc(touch.getValue().refreshedAt()))
                    .bind("e" + i, utc(touch.getValue().expiresAt()));
            i++;
        }
        update.then().block(AccountProjection.WRITE_TIMEOUT);
        latestBySession.clear();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Touch(Instant refreshedAt, Instant expiresAt) {
    }
}
