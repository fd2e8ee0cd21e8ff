package io.courier.api.account;

import java.util.UUID;

/** The SMTP server accepted the mail. Recording it twice stores it once. */
public record RecordEmailSent(UUID userId, UUID mailId) implements UserCommand {
}
