package io.courier.command.conversation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for the JDBC directory in fixtures; the real one is tested against PostgreSQL in the gateway. */
public class InMemoryUserDirectory implements UserDirectory {

    private final Set<UUID> users = ConcurrentHashMap.newKeySet();

    public InMemoryUserDirectory register(UUID... userIds) {
        users.addAll(Set.of(userIds));
        return this;
    }

    @Override
    public Set<UUID> unknownAmong(Collection<UUID> userIds) {
        Set<UUID> unknown = new LinkedHashSet<>(userIds);
        unknown.removeAll(users);
        return unknown;
    }
}
