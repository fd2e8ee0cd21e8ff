package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.ApiClient.Tokens;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.TestMailServer;
import io.courier.gateway.support.TestMailServer.Received;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** A forgotten password, from the mailed link to a new login; nothing tells which addresses have accounts. */
@CourierIntegrationTest
class PasswordResetTest {

    static final String RESET_SUBJECT = "Reset your Courier password";
    private static final String NEW_PASSWORD = "a completely new passphrase";

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
    void the_mailed_link_sets_a_new_password_and_every_old_session_ends() {
        String email = uniqueEmail();
        api.register(email);
        Tokens phone = api.login(email);
        Tokens laptop = api.login(email);

        api.post("/auth/password/request", Map.of("email", email.toUpperCase())).expectStatus().isAccepted();
        Received mail = mails.awaitMail(email, RESET_SUBJECT);

        assertThat(mail.url()).startsWith("http://localhost:3000/reset-password?token=");
        assertThat(mail.text()).contains("an hour");
        JsonNode check = json(api.post("/auth/password/confirm", Map.of("token", mail.token())));
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(Instant.parse(check.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61)));

        api.post("/auth/password/reset", Map.of("token", mail.token(), "password", NEW_PASSWORD))
                .expectStatus().isNoContent();

        expectProblem(api.refresh(phone.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(api.refresh(laptop.refreshToken()), 401, "invalid_refresh_token");
        expectProblem(api.post("/auth/login", Map.of("email", email, "password", PASSWORD)), 401, "invalid_credentials");
        api.login(email, NEW_PASSWORD);
        // the link was used up, and its owner is told of the change
        expectProblem(api.post("/auth/password/reset", Map.of("token", mail.token(), "password", "yet another passphrase")),
                422, "invalid_token");
        expectProblem(api.post("/auth/password/confirm", Map.of("token", mail.token())), 422, "invalid_token");
        assertThat(mails.awaitMail(email, "Your Courier password was changed").text()).contains("signed out");
    }

    @Test
    void a_weak_new_password_is_refused_and_the_link_still_works() {
        String email = uniqueEmail();
        api.register(email);
        api.post("/auth/password/request", Map.of("email", email)).expectStatus().isAccepted();
        Received mail = mails.awaitMail(email, RESET_SUBJECT);

        expectProblem(api.post("/auth/password/reset", Map.of("token", mail.token(), "password", "short")),
                422, "weak_password");

        api.post("/auth/password/reset", Map.of("token", mail.token(), "password", NEW_PASSWORD))
                .expectStatus().isNoContent();
    }

    @Test
    void asking_for_a_reset_answers_the_same_whether_or_not_an_account_has_the_address() {
        String known = uniqueEmail();
        api.register(known);
        String unknown = uniqueEmail();

        EntityExchangeResult<byte[]> forUnknown = request(unknown);
        EntityExchangeResult<byte[]> forKnown = request(known);

        for (EntityExchangeResult<byte[]> answer : List.of(forUnknown, forKnown)) {
            assertThat(answer.getStatus().value()).isEqualTo(202);
            assertThat(answer.getResponseBody()).isNullOrEmpty();
            assertThat(answer.getResponseHeaders().keySet()).isEqualTo(forKnown.getResponseHeaders().keySet());
            assertThat(answer.getResponseHeaders().getContentLength()).isLessThanOrEqualTo(0);
        }
        mails.awaitMail(known, RESET_SUBJECT);
        assertThat(mails.to(unknown)).isEmpty();
        // only the shape of an address is judged on the spot, which tells nothing about accounts
        expectProblem(api.post("/auth/password/request", Map.of("email", "not an address")), 422, "invalid_email");
    }

    @Test
    void a_reset_link_of_another_purpose_or_never_issued_is_invalid() {
        String email = uniqueEmail();
        api.register(email);
        Received confirmation = mails.awaitMail(email, EmailConfirmationTest.CONFIRM_SUBJECT);

        expectProblem(api.post("/auth/password/reset", Map.of("token", confirmation.token(), "password", NEW_PASSWORD)),
                422, "invalid_token");
        expectProblem(api.post("/auth/password/confirm", Map.of("token", "garbage")), 422, "invalid_token");
        api.login(email);
    }

    private EntityExchangeResult<byte[]> request(String email) {
        return api.post("/auth/password/request", Map.of("email", email)).expectBody().returnResult();
    }
}
