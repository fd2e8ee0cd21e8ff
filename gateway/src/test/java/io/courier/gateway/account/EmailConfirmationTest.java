package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.TestMailServer;
import io.courier.gateway.support.TestMailServer.Received;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registration mails a link over real SMTP; following it confirms the address. */
@CourierIntegrationTest
class EmailConfirmationTest {

    static final String CONFIRM_SUBJECT = "Confirm your email address";

    @Autowired
    WebTestClient http;
    @Autowired
    TestMailServer mails;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void a_new_account_is_mailed_a_link_that_confirms_its_address_once() {
        String email = uniqueEmail();
        UUID userId = api.register(email);
        String access = api.login(email).accessToken();

        Received mail = mails.awaitMail(email, CONFIRM_SUBJECT);

        assertThat(mail.authenticatedAs()).as("sent with the SMTP credentials").isEqualTo(TestMailServer.USERNAME);
        assertThat(mail.from()).contains("courier@localhost");
        assertThat(mail.url()).startsWith("http://localhost:3000/confirm-email?token=" + userId + ".");
        assertThat(mail.text()).contains("7 days");
        assertThat(mail.html()).contains("href=\"" + mail.url() + "\"");
        JsonNode answer = json(api.post("/auth/confirm", Map.of("token", mail.token())));
        assertThat(answer.get("purpose").asText()).isEqualTo("email_confirm");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                json(api.get("/api/profile", access)).get("emailConfirmedAt").isNull()).isFalse());

        expectProblem(api.post("/auth/confirm", Map.of("token", mail.token())), 422, "invalid_token");
        expectProblem(api.postAuthenticated("/api/token/email_confirm", access), 409, "email_already_confirmed");
    }

    @Test
    void asking_again_mails_a_new_link_and_the_older_one_stops_working() {
        String email = uniqueEmail();
        api.register(email);
        String access = api.login(email).accessToken();
        Received first = mails.awaitMail(email, CONFIRM_SUBJECT);

        api.postAuthenticated("/api/token/email_confirm", access).expectStatus().isAccepted();

        await().atMost(Duration.ofSeconds(30)).until(() -> mails.to(email).size() == 2);
        Received second = mails.to(email).get(1);
        assertThat(second.token()).isNotEqualTo(first.token());
        expectProblem(api.post("/auth/confirm", Map.of("token", first.token())), 422, "invalid_token");
        api.post("/auth/confirm", Map.of("token", second.token())).expectStatus().isOk();
    }

    @Test
    void a_token_that_is_malformed_or_names_nobody_is_just_invalid() {
        for (String token : new String[]{"no-dot", UUID.randomUUID() + ".c2VjcmV0", "." + UUID.randomUUID(),
                "not-a-uuid.c2VjcmV0", UUID.randomUUID() + "."}) {
            expectProblem(api.post("/auth/confirm", Map.of("token", token)), 422, "invalid_token");
        }
        expectProblem(api.post("/auth/confirm", Map.of()), 422, "invalid_request");
    }

    @Test
    void the_profile_shows_the_address_unconfirmed_until_then() {
        String email = uniqueEmail();
        api.register(email);
        String access = api.login(email).accessToken();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode profile = json(api.get("/api/profile", access));
            assertThat(profile.get("email").asText()).isEqualTo(email);
            assertThat(profile.get("emailConfirmedAt").isNull()).isTrue();
        });
        Instant before = Instant.now();
        api.post("/auth/confirm", Map.of("token", mails.awaitMail(email, CONFIRM_SUBJECT).token())).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Instant.parse(
                json(api.get("/api/profile", access)).get("emailConfirmedAt").asText())).isAfterOrEqualTo(before.minusSeconds(1)));
    }
}
