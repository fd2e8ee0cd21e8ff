package io.courier.api.account;

import java.util.UUID;

/** Revoke one of the user's sessions by its id ({@code familyId}), e.g. a lost phone. */
public record RevokeSession(UUID userId, UUID familyId) implements UserCommand {
}
