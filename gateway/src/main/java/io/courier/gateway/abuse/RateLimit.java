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
    /** Password-reset mails asked for from one client address, whatever address they name. */
    PASSWORD_RESET_PER_ADDRESS,
    /**
     * Mails a signed-in user makes the server send (confirmation again, email change), per account: the
     * change link goes to any address the user names, so this keeps an account from mail-bombing strangers.
     */
    MAIL_PER_ACCOUNT
}
