package io.courier.api.account;

/** Why refresh tokens were revoked; recorded in the events for auditors. */
public enum RevocationReason {
    SIGN_OUT_EVERYWHERE,
    REUSE_DETECTED,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    /** The session's own refresh token was handed back: sign out on this device. */
    SIGNED_OUT,
    /** The user revoked this session from another device (by its id). */
    SESSION_REVOKED
}
