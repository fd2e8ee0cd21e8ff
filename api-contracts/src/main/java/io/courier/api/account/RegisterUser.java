package io.courier.api.account;

import io.courier.api.common.Secret;

import java.util.UUID;

/** Create an account. {@code displayName} may be null: the local part of the email is used then. */
public record RegisterUser(UUID userId, String email, Secret password, String displayName) implements UserCommand {
}
