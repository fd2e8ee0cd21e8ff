package io.courier.gateway.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the command side writes synchronously (events and email claims), counted to show that a
 * rejected request stored nothing. Read models are left out: projections lag and would make this racy;
 * so are the mail outbox's records of deliveries, which follow earlier requests whenever the mail goes out.
 */
public record StoredWrites(long events, long emailClaims) {

    public static StoredWrites count(JdbcTemplate jdbc) {
        return new StoredWrites(
                jdbc.queryForObject("""
                        SELECT count(*) FROM domainevententry
                        WHERE payloadtype NOT IN ('account.EmailSent', 'account.EmailFailed')""", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM email_registry", Long.class));
    }
}
