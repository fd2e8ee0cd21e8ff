package io.courier.api.account;

import io.courier.api.common.EventType;

import java.time.Instant;
import java.util.UUID;

/** The SMTP server accepted mail {@code mailId} at its {@code attempt}-th try; it is never sent again. */
@EventType(name = "account.EmailSent")
public record EmailSent(UUID userId, UUID mailId, int attempt, Instant sentAt) {
}
