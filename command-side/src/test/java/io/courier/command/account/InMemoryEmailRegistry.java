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

    /** No transaction to roll back here: a refused transfer changes nothing. */
    @Override
    public synchronized boolean transfer(UUID userId, EmailAddress email) {
        UUID owner = owners.get(email.canonical());
        if (owner != null && !owner.equals(userId)) {
            return false;
        }
        release(userId);
        owners.put(email.canonical(), userId);
        return true;
    }

    @Override
    public void release(UUID userId) {
        owners.values().removeIf(userId::equals);
    }
}
