package io.courier.api.account;

import java.time.Instant;

/** The answer to {@link CheckEmailDelivery} and {@link RecordEmailFailed}. */
public sealed interface EmailDelivery {

    /** Send it now; {@code attempt} counts from 1. */
    record Due(int attempt) implements EmailDelivery {
    }

    /** Still to be sent, after a failure: not before {@code retryAt}. */
    record NotYet(Instant retryAt) implements EmailDelivery {
    }

    /** Nothing to send: sent already, given up on, superseded, or the account is gone. */
    record Done() implements EmailDelivery {
    }
}
