package io.courier.command.account;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for the JDBC registry in aggregate fixtures; the real one is tested against PostgreSQL in the gateway. */
class InMemoryEmailRegistry implements EmailRegistry {

    private final Map<String, UUID> owners = new ConcurrentHashMap<>();

    @Override
    public boolean claim(EmailAddress email, UUID userId) {
        return owners.putIfAbsent(email.canonical(), userId) == null;
    }

    @Override
    public Optional<UUID> userIdFor(EmailAddress email) {
        return Optional.ofNullable(owners.get(email.canonical()));
    }
}
