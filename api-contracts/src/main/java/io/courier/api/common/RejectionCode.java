package io.courier.api.common;

/** Why the command side refused a command. Stable identifiers: clients may switch on them. */
public enum RejectionCode {
    EMAIL_TAKEN,
    INVALID_EMAIL,
    WEAK_PASSWORD,
    INVALID_DISPLAY_NAME,
    INVALID_CREDENTIALS,
    INVALID_REFRESH_TOKEN,
    NOT_FOUND,
    /** Not a verdict on the command: the server is overloaded and did nothing; retry shortly. */
    SERVER_BUSY
}
