package io.courier.gateway.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ChatClient;
import io.courier.gateway.support.StandaloneServer;
import io.courier.vault.VaultKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the vault key: the old key keeps opening what it sealed, the re-encryption job moves every member's keys
 * to the new one, and after that the old key can be dropped with nothing lost.
 */
class VaultRotationTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(bytes(7));
    private static final String NEW_KEY = Base64.getEncoder().encodeToString(bytes(9));

    @TempDir
    Path data;

    @Test
    void after_the_reseal_job_the_old_vault_key_can_be_dropped() {
        UUID conversation;
        ChatClient ada;
        String adasSecret;
        try (ConfigurableApplicationContext server = start("--courier.vault-key=" + OLD_KEY)) {
            WebTestClient http = StandaloneServer.client(server).http();
            ada = ChatClient.signUp(http, "Ada");
            ChatClient bob = ChatClient.signUp(http, "Bob");
            conversation = ada.startGroup("Rotating", bob);
            bob.awaitConversation(conversation, c -> { });
            bob.uploadKeys(conversation);
            ada.awaitReady(conversation);
            adasSecret = ada.keysFor(conversation).secretPart();
        }

        try (ConfigurableApplicationContext server = start("--courier.vault-key=" + NEW_KEY,
                "--courier.vault-old-keys=" + OLD_KEY)) {
            ChatClient sameAda = ada.on(StandaloneServer.client(server).http());
            assertThat(privateKeyOf(sameAda, conversation)).isEqualTo(adasSecret);
            VaultEndpoint job = server.getBean(VaultEndpoint.class);
            assertThat(job.status().get("conversationsToReseal")).isEqualTo(1);

            Map<String, Object> run = job.reseal();
            assertThat(run).containsEntry("resealed", 1).containsEntry("complete", true)
                    .containsEntry("currentKeyId", VaultKey.of(Base64.getDecoder().decode(NEW_KEY)).id());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(job.status().get("conversationsToReseal")).isEqualTo(0));
            // a second run finds nothing to do
            assertThat(job.reseal()).containsEntry("resealed", 0);
            String oldPrefix = "v1." + VaultKey.of(Base64.getDecoder().decode(OLD_KEY)).id() + ".";
            assertThat(server.getBean(JdbcTemplate.class).queryForObject("""
                    SELECT count(*) FROM conversation_member_view
                    WHERE sealed_public_key LIKE ? OR sealed_private_key LIKE ?""", Long.class,
                    oldPrefix + "%", oldPrefix + "%")).isZero();
        }

        try (ConfigurableApplicationContext server = start("--courier.vault-key=" + NEW_KEY)) {
            ChatClient sameAda = ada.on(StandaloneServer.client(server).http());
            assertThat(privateKeyOf(sameAda, conversation)).isEqualTo(adasSecret);
            assertThat(sameAda.json(sameAda.get("/api/conversations/" + conversation).expectStatus().isOk())
                    .get("publicKeys")).hasSize(2);
        }
    }

    private ConfigurableApplicationContext start(String... vault) {
        String[] arguments = new String[vault.length + 2];
        arguments[0] = "--courier.embedded-database.directory=" + data.resolve("postgres");
        arguments[1] = "--server.port=0";
        System.arraycopy(vault, 0, arguments, 2, vault.length);
        return StandaloneServer.start(arguments);
    }

    private static String privateKeyOf(ChatClient member, UUID conversation) {
        JsonNode seen = member.json(member.get("/api/conversations/" + conversation).expectStatus().isOk());
        return seen.get("privateKey").get("d").asText();
    }

    private static byte[] bytes(int fill) {
        byte[] key = new byte[VaultKey.BYTES];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }
}
