package io.courier.api.account;

import java.util.UUID;

/** Asked by the mail outbox before it sends: is this mail still to be sent, and is it time? Stores nothing. */
public record CheckEmailDelivery(UUID userId, UUID mailId) implements UserCommand {
}
