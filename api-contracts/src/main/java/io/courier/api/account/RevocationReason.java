package io.courier.api.account;

/** Why refresh tokens were revoked; recorded in the events for auditors. */
public enum RevocationReason {
    SIGN_OUT_EVERYWHERE,
    REUSE_DETECTED,
    PASSWORD_CHANGED
}
