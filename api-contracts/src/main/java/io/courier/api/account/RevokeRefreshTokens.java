package io.courier.api.account;

import java.util.UUID;

/** Revoke every refresh token of the user, e.g. "sign out everywhere". */
public record RevokeRefreshTokens(UUID userId, RevocationReason reason) implements UserCommand {
}
