package io.courier.api.account;

/** How a password was replaced: by its owner knowing the old one, or through a reset mail. */
public enum PasswordChangeMethod {
    CHANGED,
    RESET
}
