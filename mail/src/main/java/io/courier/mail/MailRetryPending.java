package io.courier.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * Thrown out of the outbox's handler to make its processor retry the event (with Axon's back-off, at most a
 * minute apart) until the mail is due again. No stack trace: this is an expected outcome, logged in one line.
 */
class MailRetryPending extends RuntimeException {

    MailRetryPending(UUID mailId, Instant retryAt) {
        super("Mail " + mailId + " is to be tried again from " + retryAt, null, false, false);
    }
}
