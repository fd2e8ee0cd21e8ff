package io.courier.command.account;

import java.util.Optional;
import java.util.UUID;

/**
 * The command side's own, strongly consistent index of email addresses. Claims are written in the
 * same database transaction as the event that registers the user (or changes the address), so
 * uniqueness holds even for concurrent requests and never depends on a projection.
 */
public interface EmailRegistry {

    /** @return false when the address already belongs to someone (or a concurrent registration won). */
    boolean claim(EmailAddress email, UUID userId);

    Optional<UUID> userIdFor(EmailAddress email);

    /**
     * Moves the user's claim to {@code email}, freeing the old address. @return false when {@code email}
     * belongs to someone else; then the caller's transaction must roll back, which restores the old claim.
     */
    boolean transfer(UUID userId, EmailAddress email);

    /** Frees the user's address for anyone to register. */
    void release(UUID userId);
}
