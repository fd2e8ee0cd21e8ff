package io.courier.gateway.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.TestMailServer;
import io.courier.gateway.support.TestMailServer.Received;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static io.courier.gateway.support.ApiClient.PASSWORD;
import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.json;
import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Changing the address: by a link mailed to the new one, or at once with the password. */
@CourierIntegrationTest
class EmailChangeTest {

    static final String CHANGE_SUBJECT = "Confirm your new email address";
    static final String NOTICE_SUBJECT = "Your Courier email address was changed";

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
    void the_address_changes_when_the_link_mailed_to_the_new_one_is_used_and_the_old_one_is_told() {
        String old = uniqueEmail();
        String renewed = uniqueEmail();
        api.register(old);
        String access = api.login(old).accessToken();

        api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", renewed.toUpperCase()))
                .expectStatus().isAccepted();
        Received link = mails.awaitMail(renewed, CHANGE_SUBJECT);

        // nothing changes before the link is used
        api.login(old);
        expectProblem(api.post("/auth/login", Map.of("email", renewed, "password", PASSWORD)), 401, "invalid_credentials");

        JsonNode used = json(api.post("/auth/confirm", Map.of("token", link.token())));
        assertThat(used.get("purpose").asText()).isEqualTo("email_change");
        assertThat(mails.awaitMail(old, NOTICE_SUBJECT).text()).contains("was changed");
        api.login(renewed);
        expectProblem(api.post("/auth/login", Map.of("email", old, "password", PASSWORD)), 401, "invalid_credentials");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode profile = json(api.get("/api/profile", access));
            assertThat(profile.get("email").asText()).isEqualTo(renewed);
            assertThat(profile.get("emailConfirmedAt").isNull()).isFalse();
        });
        // the old address is free for anyone now
        api.register(old);
    }

    @Test
    void a_taken_address_is_a_conflict_only_when_the_link_is_used() {
        String ada = uniqueEmail();
        String wanted = uniqueEmail();
        api.register(ada);
        String access = api.login(ada).accessToken();

        api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", wanted)).expectStatus().isAccepted();
        Received link = mails.awaitMail(wanted, CHANGE_SUBJECT);
        api.register(wanted); // someone else takes it meanwhile

        expectProblem(api.post("/auth/confirm", Map.of("token", link.token())), 409, "email_taken");
        api.login(ada);
        // asking for a change to a taken address is answered as any other
        api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", wanted)).expectStatus().isAccepted();
    }

    @Test
    void the_current_address_or_a_malformed_one_is_no_change() {
        String email = uniqueEmail();
        api.register(email);
        String access = api.login(email).accessToken();

        expectProblem(api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", email.toUpperCase())),
                422, "invalid_request");
        expectProblem(api.send(HttpMethod.POST, "/api/token/email_change", access, Map.of("email", "nope")),
                422, "invalid_email");
    }

    @Test
    void with_the_password_the_address_changes_at_once_unconfirmed_and_both_addresses_are_mailed() {
        String old = uniqueEmail();
        String renewed = uniqueEmail();
        api.register(old);
        String access = api.login(old).accessToken();

        expectProblem(api.send(HttpMethod.PATCH, "/api/email", access,
                Map.of("email", renewed, "currentPassword", "not my password")), 403, "incorrect_password");
        api.send(HttpMethod.PATCH, "/api/email", access, Map.of("email", renewed, "currentPassword", PASSWORD))
                .expectStatus().isNoContent();

        api.login(renewed);
        mails.awaitMail(old, NOTICE_SUBJECT);
        Received confirmation = mails.awaitMail(renewed, EmailConfirmationTest.CONFIRM_SUBJECT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode profile = json(api.get("/api/profile", access));
            assertThat(profile.get("email").asText()).isEqualTo(renewed);
            assertThat(profile.get("emailConfirmedAt").isNull()).isTrue();
        });
        api.post("/auth/confirm", Map.of("token", confirmation.token())).expectStatus().isOk();
    }

    @Test
    void with_the_password_a_taken_address_is_a_conflict_at_once() {
        String ada = uniqueEmail();
        String bob = uniqueEmail();
        api.register(ada);
        api.register(bob);
        String access = api.login(ada).accessToken();

        expectProblem(api.send(HttpMethod.PATCH, "/api/email", access, Map.of("email", bob, "currentPassword", PASSWORD)),
                409, "email_taken");
        api.login(ada);
        api.login(bob);
    }
}
