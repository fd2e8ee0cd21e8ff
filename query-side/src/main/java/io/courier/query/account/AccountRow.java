package io.courier.query.account;

import io.courier.api.account.AccountView;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Table("account_view")
record AccountRow(@Id UUID userId, String email, String displayName, OffsetDateTime registeredAt) {

    AccountView toView() {
        return new AccountView(userId, email, displayName, registeredAt.toInstant());
    }
}
