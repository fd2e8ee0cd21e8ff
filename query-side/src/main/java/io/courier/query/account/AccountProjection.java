package io.courier.query.account;

import io.courier.api.account.AccountDeleted;
import io.courier.api.account.DisplayNameChanged;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.EmailConfirmed;
import io.courier.api.account.PreferencesChanged;
import io.courier.api.account.RecentsChanged;
import io.courier.api.account.SealedFields;
import io.courier.api.account.Theme;
import io.courier.api.account.UserRegistered;
import io.courier.vault.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Projects accounts and their profiles into {@code account_view}. Tracking processors deliver at least once,
 * so every write is an idempotent upsert or sets a value; a reset (replay) starts from empty tables.
 * <p>
 * Personal fields are opened with the user's data key. A deleted user's key is gone, so on a replay their
 * fields are unreadable: such an account gets no row at all, exactly as after its deletion, and later events
 * about it update nothing.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class AccountProjection {

    static final String PROCESSING_GROUP = "accounts";
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final PersonalData personalData;

    AccountProjection(DatabaseClient db, PersonalData personalData) {
        this.db = db;
        this.personalData = personalData;
    }

    @EventHandler
    void on(UserRegistered event) {
        UUID userId = event.userId();
        Optional<String> email = personalData.open(userId, SealedFields.EMAIL, event.sealedEmail());
        if (email.isEmpty()) {
            return;
        }
        String displayName = personalData.open(userId, SealedFields.DISPLAY_NAME, event.sealedDisplayName()).orElse("");
        db.sql("""
                        INSERT INTO account_view (user_id, email, display_name, registered_at)
                        VALUES (:userId, :email, :displayName, :registeredAt)
                        ON CONFLICT (user_id) DO NOTHING""")
                .bind("userId", userId)
                .bind("email", email.get())
                .bind("displayName", displayName)
                .bind("registeredAt", utc(event.registeredAt()))
                .then()
                .block(WRITE_TIMEOUT);
    }

    @EventHandler
    void on(EmailConfirmed event) {
        db.sql("UPDATE account_view SET email_confirmed_at = :at WHERE user_id = :userId")
                .bind("userId", event.userId())
                .bind("at", utc(event.confirmedAt()))
                .then().block(WRITE_TIMEOUT);
    }

    @EventHandler
    void on(EmailChanged event) {
        personalData.open(event.userId(), SealedFields.EMAIL, event.sealedEmail()).ifPresent(email -> {
            DatabaseClient.GenericExecuteSpec update = db.sql(
                            "UPDATE account_view SET email = :email, email_confirmed_at = :confirmedAt WHERE user_id = :userId")
                    .bind("userId", event.userId())
                    .bind("email", email);
            // an address changed without a mailed link stays unconfirmed until its own confirmation
            update = event.confirmed() ? update.bind("confirmedAt", utc(event.changedAt()))
                    : update.bindNull("confirmedAt", OffsetDateTime.class);
            update.then().block(WRITE_TIMEOUT);
        });
    }

    @EventHandler
    void on(DisplayNameChanged event) {
        personalData.open(event.userId(), SealedFields.DISPLAY_NAME, event.sealedDisplayName()).ifPresent(name ->
                db.sql("UPDATE account_view SET display_name = :name WHERE user_id = :userId")
                        .bind("userId", event.userId())
                        .bind("name", name)
                        .then().block(WRITE_TIMEOUT));
    }

    @EventHandler
    void on(PreferencesChanged event) {
        db.sql("""
                        UPDATE account_view SET text_magnification = :magnification, theme = :theme, hidden = :hidden
                        WHERE user_id = :userId""")
                .bind("userId", event.userId())
                .bind("magnification", event.textMagnification())
                .bind("theme", Objects.requireNonNullElse(event.theme(), Theme.AUTO).apiName())
                .bind("hidden", event.hidden())
                .then().block(WRITE_TIMEOUT);
    }

    @EventHandler
    void on(RecentsChanged event) {
        personalData.open(event.userId(), SealedFields.RECENTS, event.sealedRecents()).ifPresent(recents ->
                db.sql("UPDATE account_view SET recents = :recents WHERE user_id = :userId")
                        .bind("userId", event.userId())
                        .bind("recents", SealedFields.decodeRecents(recents).toArray(String[]::new))
                        .then().block(WRITE_TIMEOUT));
    }

    /** Other read models join on this row for names: without it they show a deleted user. */
    @EventHandler
    void on(AccountDeleted event) {
        db.sql("DELETE FROM account_view WHERE user_id = :userId")
                .bind("userId", event.userId())
                .then().block(WRITE_TIMEOUT);
    }

    @ResetHandler
    void reset() {
        db.sql("TRUNCATE account_view").then().block(WRITE_TIMEOUT);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
