package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Accounts as the first Courier version stored them: Java class names, no revisions, personal data in clear
 * ({@code legacy-events/account-before-named-types.json}), with the address claimed.
 */
public final class LegacyAccounts {

    private LegacyAccounts() {
    }

    public static void store(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, UUID userId, String email) {
        String template;
        try (InputStream in = new ClassPathResource("legacy-events/account-before-named-types.json").getInputStream()) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = template.replace("${userId}", userId.toString()).replace("${email}", email)
                .replace("${passwordHash}", passwordEncoder.encode(ApiClient.PASSWORD));
        ObjectMapper mapper = new ObjectMapper();
        try {
            for (JsonNode row : mapper.readTree(json)) {
                jdbc.update("""
                                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                                    metadata, payload, payloadrevision, payloadtype, timestamp)
                                VALUES (?, ?, 'User', ?, ?, ?, ?, ?, ?)""",
                        userId.toString(), row.get("sequenceNumber").asLong(), UUID.randomUUID().toString(),
                        "{}".getBytes(StandardCharsets.UTF_8), mapper.writeValueAsBytes(row.get("payload")),
                        row.get("payloadRevision").isNull() ? null : row.get("payloadRevision").asText(),
                        row.get("payloadType").asText(), row.get("timeStamp").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.update("INSERT INTO email_registry (email, user_id) VALUES (?, ?)", email, userId);
    }
}
