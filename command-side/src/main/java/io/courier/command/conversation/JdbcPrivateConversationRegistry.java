package io.courier.command.conversation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * JdbcTemplate joins the transaction Axon opens around each command, which the event store appends in:
 * the claim and the conversation's first events commit or roll back together.
 */
@Component
class JdbcPrivateConversationRegistry implements PrivateConversationRegistry {

    private final JdbcTemplate jdbc;

    JdbcPrivateConversationRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UUID> conversationOf(PrivatePair pair) {
        return jdbc.queryForList("""
                        SELECT conversation_id FROM private_conversation_registry WHERE user_low = ? AND user_high = ?""",
                UUID.class, pair.low(), pair.high()).stream().findFirst();
    }

    @Override
    public boolean claim(PrivatePair pair, UUID conversationId) {
        // A concurrent claim of the same pair waits on the primary key until the other transaction ends,
        // then inserts nothing: one conversation per pair. Read committed: the next statement sees the winner.
        return jdbc.update("""
                INSERT INTO private_conversation_registry (user_low, user_high, conversation_id) VALUES (?, ?, ?)
                ON CONFLICT (user_low, user_high) DO NOTHING""", pair.low(), pair.high(), conversationId) == 1;
    }
}
