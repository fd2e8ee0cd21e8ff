package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The account's address is now {@code sealedEmail}. {@code confirmed} when the change was made with a token
 * mailed to it ({@code tokenId}); unconfirmed when made with the password ({@code tokenId} null). Every
 * outstanding one-purpose token is revoked. Mail {@code noticeMailId} tells the previous address.
 */
@EventType(name = "account.EmailChanged")
public record EmailChanged(UUID userId, String sealedEmail, String sealedPreviousEmail, boolean confirmed,
                           UUID tokenId, UUID noticeMailId, Instant changedAt) {
}
