package io.courier.command.account;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * JdbcTemplate joins the Spring transaction that Axon opens around each command, which is also the
 * transaction the event store appends in: claim and event commit or roll back together.
 */
@Component
class JdbcEmailRegistry implements EmailRegistry {

    private final JdbcTemplate jdbc;

    JdbcEmailRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(EmailAddress email, UUID userId) {
        // A concurrent claim of the same address blocks on the primary key until the other
        // transaction ends, then inserts nothing: exactly one registration wins.
        return jdbc.update("""
                INSERT INTO email_registry (email, user_id) VALUES (?, ?)
                ON CONFLICT (email) DO NOTHING""", email.canonical(), userId) == 1;
    }

    @Override
    public Optional<UUID> userIdFor(EmailAddress email) {
        return jdbc.queryForList("SELECT user_id FROM email_registry WHERE email = ?", UUID.class, email.canonical())
                .stream().findFirst();
    }

    @Override
    public boolean transfer(UUID userId, EmailAddress email) {
        // user_id is unique too: the old claim goes first, and comes back if the command rolls back
        release(userId);
        return claim(email, userId);
    }

    @Override
    public void release(UUID userId) {
        jdbc.update("DELETE FROM email_registry WHERE user_id = ?", userId);
    }
}
