package io.courier.api.account;

import java.util.UUID;

/**
 * An attempt to send the mail failed. {@code reason} is a short category, never a message that could
 * hold an address; {@code permanent} failures (the server refused the recipient) are not retried.
 * Answered with what happens next: {@link EmailDelivery.NotYet} or {@link EmailDelivery.Done} (given up).
 */
public record RecordEmailFailed(UUID userId, UUID mailId, String reason, boolean permanent) implements UserCommand {
}
