package io.courier.command.ids;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon names every message (command, event, result) with a random UUID from {@code UUID.randomUUID()};
 * registered through {@code META-INF/services}, this draws them from {@link RandomIds} instead, time-ordered:
 * the event store's unique index on event identifiers then takes each new event at its end, where a random id
 * dirtied (and, past the database's cache, read and wrote back) a random page of it per event.
 */
public final class AxonMessageIds extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomIds.timeOrderedUuid(System.currentTimeMillis()).toString();
    }
}
