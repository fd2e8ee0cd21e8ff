package io.courier.gateway.conversation;

import io.courier.vault.PersonalData;
import io.courier.api.account.UserRegistered;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Users with display names, as the accounts feature projects them: their UserRegistered events go to the
 * event store, and the accounts processor writes {@code account_view}, which the read side only reads.
 */
record Accounts(EventBus events, JdbcTemplate jdbc) {

    static final Instant REGISTERED_AT = Instant.parse("2026-11-01T09:00:00Z");

    UUID register(String displayName) {
        return register(displayName, "user-" + UUID.randomUUID() + "@example.com");
    }

    UUID register(String displayName, String email) {
        UUID userId = UUID.randomUUID();
        registerAll(Map.of(userId, new String[]{displayName, email}));
        return userId;
    }

    /** Display names to new user ids, in the order given. */
    Map<String, UUID> registerNamed(String... displayNames) {
        Map<UUID, String[]> users = new LinkedHashMap<>();
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (String displayName : displayNames) {
            UUID userId = UUID.randomUUID();
            users.put(userId, new String[]{displayName, "user-" + userId + "@example.com"});
            ids.put(displayName, userId);
        }
        registerAll(users);
        return ids;
    }

    private void registerAll(Map<UUID, String[]> users) {
        List<GenericEventMessage<UserRegistered>> registrations = new ArrayList<>();
        users.forEach((userId, nameAndEmail) -> registrations.add(new GenericEventMessage<>(
                new UserRegistered(userId, PersonalData.plain(nameAndEmail[1]),
                        PersonalData.plain("$argon2id$not-a-real-hash"), PersonalData.plain(nameAndEmail[0]), REGISTERED_AT))));
        events.publish(registrations);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM account_view WHERE user_id = ANY(CAST(? AS uuid[]))", Integer.class,
                (Object) users.keySet().stream().map(UUID::toString).toArray(String[]::new)) == users.size());
    }
}
