package io.courier.gateway.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ClientKeyPair;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example web client (clients/web) in real headless Chromium, two pages as two users, against this server,
 * which serves the client at /app/ and the RSocket connection at /rsocket (the scenario is
 * clients/web/test/browser-chat.mjs: presence, a private conversation with typing and messages both ways, a group
 * whose keys the other client uploads unasked, presence leaving). The browsers do all the cryptography; the test
 * then reads every column of every table and finds no message in clear, and decrypts the stored copies with the
 * private keys the browsers uploaded, to show they are RSA-OAEP as every other client writes it.
 * <p>
 * Installs what it needs when it is missing (see {@link BrowserToolchain}); it fails, never skips, when it can't.
 */
@CourierIntegrationTest
class BrowserChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(180);
    private static final Path OUTPUT = Path.of("target", "browser-chat").toAbsolutePath();

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void two_users_chat_in_real_browsers_and_the_database_never_holds_a_plaintext() throws Exception {
        BrowserToolchain toolchain = BrowserToolchain.prepare(OUTPUT);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        BrowserUser alice = register("Alice " + marker);
        BrowserUser bob = register("Bob " + marker);
        String aliceSays = "Hi Bob, naïve café at noon ☕ secret-" + UUID.randomUUID();
        String bobSays = "Noon works, Alice; bring the plans secret-" + UUID.randomUUID();
        String groupSays = "Plans attached for the group secret-" + UUID.randomUUID();

        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("alice", alice);
        scenario.put("bob", bob);
        scenario.put("aliceSays", aliceSays);
        scenario.put("bobSays", bobSays);
        scenario.put("groupAlias", "Plans " + marker);
        scenario.put("groupSays", groupSays);
        ExternalProcess.Outcome outcome = new ExternalProcess(List.of("node", "test/browser-chat.mjs"),
                toolchain.webClient(),
                Map.of("COURIER_URL", "http://127.0.0.1:" + port,
                        "COURIER_SCENARIO", JSON.writeValueAsString(scenario),
                        "CHROMIUM_PATH", toolchain.chromium().toString(),
                        "COURIER_ARTIFACTS", OUTPUT.toString(),
                        "COURIER_TIMEOUT_MS", String.valueOf(SCENARIO_TIMEOUT.toMillis())),
                SCENARIO_TIMEOUT.plusSeconds(30))
                .run(OUTPUT.resolve("browser-chat.log"));
        System.out.println("Browser toolchain: " + String.join("; ", toolchain.report()));
        System.out.println(outcome.output());
        assertThat(outcome.succeeded())
                .withFailMessage("The browser scenario failed (exit %d; screenshots and logs in %s):%n%s",
                        outcome.exitCode(), OUTPUT, outcome.tail(80))
                .isTrue();
        JsonNode result = JSON.readTree(outcome.output().lines().filter(line -> line.startsWith("RESULT "))
                .reduce((first, last) -> last).orElseThrow().substring("RESULT ".length()));
        UUID conversationId = UUID.fromString(result.get("conversationId").asText());
        UUID groupId = UUID.fromString(result.get("groupId").asText());

        assertThat(plaintextFindings(List.of(aliceSays, bobSays, groupSays))).as("columns holding a message in clear").isEmpty();
        assertStoredCopiesDecryptWithTheUploadedKey(alice, conversationId, List.of(aliceSays, bobSays));
        assertStoredCopiesDecryptWithTheUploadedKey(bob, groupId, List.of(groupSays));
    }

    /** Registration and login hash passwords: on a machine busy with parallel builds that can take seconds. */
    private ApiClient api() {
        return new ApiClient(http.mutate().responseTimeout(Duration.ofSeconds(30)).build());
    }

    record BrowserUser(String email, String password, String displayName, UUID userId) {
    }

    private BrowserUser register(String displayName) {
        String email = ApiClient.uniqueEmail();
        JsonNode body = api().post("/auth/register",
                        Map.of("email", email, "password", ApiClient.PASSWORD, "displayName", displayName))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        return new BrowserUser(email, ApiClient.PASSWORD, displayName, UUID.fromString(body.get("userId").asText()));
    }

    /** Every column of every table in every schema of the application, read as text and as bytes. */
    private List<String> plaintextFindings(List<String> plaintexts) {
        List<String> forms = new ArrayList<>();
        for (String plaintext : plaintexts) {
            forms.add(plaintext);
            forms.add(plaintext.substring(plaintext.indexOf("secret-"))); // the unique part alone
            for (int shift = 0; shift < 3; shift++) { // base64 of the text, at each alignment
                String encoded = Base64.getEncoder().encodeToString(
                        plaintext.substring(shift).getBytes(StandardCharsets.UTF_8));
                forms.add(encoded.substring(4, encoded.length() - 4));
            }
        }
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""");
        assertThat(tables).extracting(t -> t.get("table_name")).contains("domainevententry");
        List<String> findings = new ArrayList<>();
        for (Map<String, Object> table : tables) {
            String name = "\"" + table.get("table_schema") + "\".\"" + table.get("table_name") + "\"";
            jdbc.query("SELECT * FROM " + name, row -> {
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                            : String.valueOf(value);
                    for (String form : forms) {
                        if (text.contains(form)) {
                            findings.add(name + "." + row.getMetaData().getColumnName(column));
                        }
                    }
                }
            });
        }
        return findings;
    }

    /** Alice's copies, as the server stores them, opened in Java with the private key her browser uploaded. */
    private void assertStoredCopiesDecryptWithTheUploadedKey(BrowserUser alice, UUID conversationId,
                                                             List<String> plaintexts) {
        ApiClient api = api();
        String token = api.login(alice.email()).accessToken();
        JsonNode conversation = api.get("/api/conversations/" + conversationId, token).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> privateKey = JSON.convertValue(conversation.get("privateKey"), Map.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode page = api.get("/api/conversations/" + conversationId + "/messages", token)
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            List<String> opened = new ArrayList<>();
            for (JsonNode item : page.get("items")) {
                String content = item.get("content").asText();
                assertThat(content).doesNotContain("secret-");
                opened.add(ClientKeyPair.decryptWith(privateKey, content));
            }
            assertThat(opened).containsExactlyInAnyOrderElementsOf(plaintexts);
        });
    }
}
