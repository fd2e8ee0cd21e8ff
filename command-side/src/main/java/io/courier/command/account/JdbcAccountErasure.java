package io.courier.command.account;

import io.courier.vault.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Forgets a deleted user in the deleting command's transaction:
 * <ul>
 * <li>frees the address in {@code email_registry}, so it can register again;</li>
 * <li>destroys the user's data key, which makes every personal field sealed in their events unreadable;</li>
 * <li>deletes the user's snapshots, some of which predate sealing (the password hash in clear);</li>
 * <li>removes the clear personal fields from {@code UserRegistered} events stored before sealing existed
 * (revision 1, or unnamed): the one place events are rewritten, because the right to be forgotten outranks
 * immutability and there is no key to destroy for them.</li>
 * </ul>
 */
@Component
class JdbcAccountErasure implements AccountErasure {

    private final JdbcTemplate jdbc;
    private final EmailRegistry emailRegistry;
    private final PersonalData personalData;

    JdbcAccountErasure(JdbcTemplate jdbc, EmailRegistry emailRegistry, PersonalData personalData) {
        this.jdbc = jdbc;
        this.emailRegistry = emailRegistry;
        this.personalData = personalData;
    }

    @Override
    public void erase(UUID userId) {
        emailRegistry.release(userId);
        personalData.forget(userId);
        jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", userId.toString());
        jdbc.update("""
                UPDATE domainevententry
                SET payload = convert_to(((convert_from(payload, 'UTF8')::jsonb) - 'email' - 'displayName' - 'passwordHash')::text,
                                         'UTF8')
                WHERE aggregateidentifier = ?
                  AND payloadtype IN ('account.UserRegistered', 'io.courier.api.account.UserRegistered')
                  AND (payloadrevision IS NULL OR payloadrevision = '1')""", userId.toString());
    }
}
