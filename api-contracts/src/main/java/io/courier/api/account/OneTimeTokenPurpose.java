package io.courier.api.account;

/** What a one-purpose token is good for; each purpose has its own lifetime and at most one token out. */
public enum OneTimeTokenPurpose {
    EMAIL_CONFIRM,
    EMAIL_CHANGE,
    PASSWORD_RESET
}
