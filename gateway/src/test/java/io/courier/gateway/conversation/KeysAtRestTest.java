package io.courier.gateway.conversation;

import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the database directly, every column of every table (event store and read models alike), and finds no
 * member's private key in clear: not as text, not in the bytes of a serialized event, not base64-encoded.
 */
@CourierIntegrationTest
class KeysAtRestTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void no_private_key_blob_is_stored_in_clear_anywhere_in_the_database() {
        ChatClient ada = ChatClient.signUp(http, "Ada");
        ChatClient bob = ChatClient.signUp(http, "Bob");
        UUID conversation = ada.startGroup(null, bob);
        bob.awaitConversation(conversation, c -> { });
        bob.uploadKeys(conversation);
        ada.awaitReady(conversation);
        String replaced = bob.keysFor(conversation).secretPart();
        bob.uploadKeys(conversation); // a rotation: the replaced key must not be readable either
        bob.awaitConversation(conversation, c -> assertThat(c.get("privateKey").get("d").asText())
                .isEqualTo(bob.keysFor(conversation).secretPart()));

        List<String> secrets = List.of(ada.keysFor(conversation).secretPart(), bob.keysFor(conversation).secretPart(),
                replaced);
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""", String.class);
        assertThat(tables).contains("domainevententry", "snapshotevententry");
        List<String> findings = new ArrayList<>();
        for (String table : tables) {
            jdbc.query("SELECT * FROM \"" + table + "\"", row -> {
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : String.valueOf(value);
                    for (String secret : secrets) {
                        for (String form : forms(secret)) {
                            if (text.contains(form)) {
                                findings.add(table + "." + row.getMetaData().getColumnName(column));
                            }
                        }
                    }
                }
            });
        }
        assertThat(findings).as("columns holding a private key in clear").isEmpty();
    }

    /** The secret as the JWK carries it, as its first 40 characters, and base64 of those. */
    private static List<String> forms(String secret) {
        String prefix = secret.substring(0, 40);
        return List.of(prefix, Base64.getEncoder().encodeToString(prefix.getBytes(StandardCharsets.US_ASCII))
                .substring(0, 40));
    }
}
