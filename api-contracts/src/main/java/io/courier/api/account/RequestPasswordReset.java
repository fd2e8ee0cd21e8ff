package io.courier.api.account;

/**
 * Mail a password-reset link to {@code email} if an account has that address. Addressed by email, resolved
 * on the command side; nothing in the answer tells whether the address exists.
 */
public record RequestPasswordReset(String email) {
}
