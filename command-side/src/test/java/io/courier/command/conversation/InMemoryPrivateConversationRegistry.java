package io.courier.command.conversation;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for the JDBC registry in fixtures; the real one is tested against PostgreSQL in the gateway. */
class InMemoryPrivateConversationRegistry implements PrivateConversationRegistry {

    private final Map<PrivatePair, UUID> conversations = new ConcurrentHashMap<>();

    @Override
    public Optional<UUID> conversationOf(PrivatePair pair) {
        return Optional.ofNullable(conversations.get(pair));
    }

    @Override
    public boolean claim(PrivatePair pair, UUID conversationId) {
        return conversations.putIfAbsent(pair, conversationId) == null;
    }
}
