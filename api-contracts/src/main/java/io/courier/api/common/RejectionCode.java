package io.courier.api.common;

/** Why the command side refused a command. Stable identifiers: clients may switch on them. */
public enum RejectionCode {
    EMAIL_TAKEN,
    INVALID_EMAIL,
    WEAK_PASSWORD,
    INVALID_DISPLAY_NAME,
    INVALID_CREDENTIALS,
    INVALID_REFRESH_TOKEN,
    /** Unknown, or not visible to the caller (a conversation the caller is not a member of). */
    NOT_FOUND,
    /** Not a verdict on the command: the server is overloaded and did nothing; retry shortly. */
    SERVER_BUSY,
    /** A request field is out of bounds in a way only the command side can tell (e.g. a user talking to itself). */
    INVALID_REQUEST,
    /** Named users don't exist; details {@code unknownUserIds}. */
    UNKNOWN_USERS,
    /** A group would exceed its member limit. */
    TOO_MANY_MEMBERS,
    INVALID_ALIAS,
    /** A key pair is missing, not the expected JSON, or too large. */
    INVALID_KEYS,
    /** The route exists for group conversations only. */
    NOT_A_GROUP,
    /** Members lack keys; details {@code membersWithoutKeys}. */
    CONVERSATION_NOT_READY,
    /** The ciphertexts' recipients differ from the members; details {@code missingRecipientIds}, {@code extraRecipientIds}. */
    RECIPIENTS_MISMATCH,
    /** A ciphertext is empty, malformed, or over the size limits. */
    INVALID_MESSAGE,
    /** Only the sender may edit or delete a message group. */
    NOT_SENDER,
    /** The message group was deleted; it can't be edited. */
    MESSAGE_DELETED,
    /** A mailed one-purpose token is unknown, expired, used already or revoked by a newer one. */
    INVALID_TOKEN,
    /** The current password given to confirm a change is wrong (the caller is signed in: not a 401). */
    INCORRECT_PASSWORD,
    EMAIL_ALREADY_CONFIRMED,
    /** Not 0.7 to 1.4 in steps of 0.1. */
    INVALID_TEXT_MAGNIFICATION,
    /** Not one of auto, day, night. */
    INVALID_THEME,
    /** Too many recently viewed pages, or one empty, too long or with control characters. */
    INVALID_RECENTS
}
