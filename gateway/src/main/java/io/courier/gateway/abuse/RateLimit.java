package io.courier.gateway.abuse;

/**
 * The named limits. Each keeps its own buckets, so flooding one (many fake accounts, say)
 * cannot push another's buckets out of memory.
 */
public enum RateLimit {
    /** Login attempts naming one account (its canonical email), from anywhere. */
    LOGIN_PER_ACCOUNT,
    /** Login attempts from one client address, whatever account they name. */
    LOGIN_PER_ADDRESS,
    REGISTRATION_PER_ADDRESS,
    /** For the password-reset route (not yet built): configured and ready to use. */
    PASSWORD_RESET_PER_ADDRESS
}
