package io.courier.command.account;

import java.util.Optional;
import java.util.UUID;

/**
 * The command side's own, strongly consistent index of email addresses. Claims are written in the
 * same database transaction as the event that registers the user, so uniqueness holds even for
 * concurrent registrations and never depends on a projection.
 */
public interface EmailRegistry {

    /** @return false when the address already belongs to someone (or a concurrent registration won). */
    boolean claim(EmailAddress email, UUID userId);

    Optional<UUID> userIdFor(EmailAddress email);
}
