package io.courier.command.ids;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon names every message (command, event, result) with a random UUID from {@code UUID.randomUUID()};
 * registered through {@code META-INF/services}, this draws them from {@link RandomIds} instead.
 */
public final class AxonMessageIds extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomIds.uuid().toString();
    }
}
