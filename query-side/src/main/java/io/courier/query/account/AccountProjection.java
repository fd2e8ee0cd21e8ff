package io.courier.query.account;

import io.courier.api.account.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Projects accounts into {@code account_view}. Tracking processors deliver at least once, so every
 * write is an idempotent upsert; a reset (replay) starts from empty tables.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class AccountProjection {

    static final String PROCESSING_GROUP = "accounts";
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient db;

    AccountProjection(DatabaseClient db) {
        this.db = db;
    }

    @EventHandler
    void on(UserRegistered event) {
        db.sql("""
                        INSERT INTO account_view (user_id, email, display_name, registered_at)
                        VALUES (:userId, :email, :displayName, :registeredAt)
                        ON CONFLICT (user_id) DO NOTHING""")
                .bind("userId", event.userId())
                .bind("email", event.email())
                .bind("displayName", event.displayName())
                .bind("registeredAt", OffsetDateTime.ofInstant(event.registeredAt(), ZoneOffset.UTC))
                .then()
                .block(WRITE_TIMEOUT);
    }

    @ResetHandler
    void reset() {
        db.sql("TRUNCATE account_view").then().block(WRITE_TIMEOUT);
    }
}
