package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Delete the account for good, proving the password: its personal data becomes unreadable everywhere. */
public record DeleteAccount(UUID userId, Secret currentPassword) implements UserCommand {
}
