package io.courier.query.account;

import io.courier.api.account.ProfileView;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The profile columns of {@code account_view}, read as the API shows them. */
@Component
class ProfileReads {

    private final DatabaseClient db;

    ProfileReads(DatabaseClient db) {
        this.db = db;
    }

    Mono<ProfileView> find(UUID userId) {
        return db.sql("""
                        SELECT user_id, email, email_confirmed_at, display_name, text_magnification, theme, hidden, recents
                        FROM account_view WHERE user_id = :userId""")
                .bind("userId", userId)
                .map(ProfileReads::profile)
                .one();
    }

    private static ProfileView profile(Readable row) {
        OffsetDateTime confirmedAt = row.get("email_confirmed_at", OffsetDateTime.class);
        String[] recents = row.get("recents", String[].class);
        return new ProfileView(row.get("user_id", UUID.class), row.get("email", String.class),
                confirmedAt == null ? null : confirmedAt.toInstant(), row.get("display_name", String.class),
                row.get("text_magnification", BigDecimal.class), row.get("theme", String.class),
                Boolean.TRUE.equals(row.get("hidden", Boolean.class)), recents == null ? List.of() : List.of(recents));
    }
}
