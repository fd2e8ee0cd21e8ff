package io.courier.api.account;

import java.util.UUID;

/** Answered with an {@link AccountView}, or null when the account is unknown (or not projected yet). */
public record FindAccount(UUID userId) {
}
