package io.courier.command.account;

import io.courier.api.account.LogIn;
import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokenRotated;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.RevokeSession;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.account.SealedFields;
import io.courier.api.account.SessionClient;
import io.courier.api.account.SignOut;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class SessionsTest extends UserFixture {

    private static final UUID PHONE = UUID.randomUUID();
    private static final UUID LAPTOP = UUID.randomUUID();

    @Test
    void a_login_records_the_device_sealed() {
        registry.claim(EmailAddress.parse(EMAIL), USER);
        fixture.given(registered())
                .when(new LogIn(EMAIL, new Secret(PASSWORD), new SessionClient("Firefox/140.0", "203.0.113.7")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenIssued.class, issued ->
                                "Firefox/140.0".equals(open(SealedFields.USER_AGENT, issued.sealedUserAgent()))
                                        && "203.0.113.7".equals(open(SealedFields.ADDRESS, issued.sealedAddress()))
                                        && !issued.sealedAddress().contains("203.0.113.7")),
                        andNoMore())));
    }

    @Test
    void signing_out_ends_only_the_session_of_the_token_handed_back() {
        fixture.given(registered(), issued(PHONE, "phone-secret"), issued(LAPTOP, "laptop-secret"))
                .when(new SignOut(USER, new Secret("phone-secret")))
                .expectEvents(new RefreshTokenFamilyRevoked(USER, PHONE, RevocationReason.SIGNED_OUT, NOW));
        fixture.given(registered(), issued(PHONE, "phone-secret"), issued(LAPTOP, "laptop-secret"),
                        new RefreshTokenFamilyRevoked(USER, PHONE, RevocationReason.SIGNED_OUT, NOW))
                .when(new RotateRefreshToken(USER, new Secret("laptop-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenRotated.class, rotated -> rotated.familyId().equals(LAPTOP)), andNoMore())));
    }

    @Test
    void a_rotated_token_still_names_its_session_for_signing_out() {
        fixture.given(registered(), issued(PHONE, "phone-secret"), new RefreshTokenRotated(USER, PHONE, UUID.randomUUID(),
                        UUID.randomUUID(), mint.hash("next-secret"), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(14))))
                .when(new SignOut(USER, new Secret("phone-secret")))
                .expectEvents(new RefreshTokenFamilyRevoked(USER, PHONE, RevocationReason.SIGNED_OUT, NOW));
    }

    @Test
    void signing_out_of_an_ended_session_changes_nothing_and_an_unknown_token_is_refused() {
        fixture.given(registered(), issued(PHONE, "phone-secret"),
                        new RefreshTokensRevoked(USER, RevocationReason.SIGN_OUT_EVERYWHERE, NOW.minusSeconds(1)))
                .when(new SignOut(USER, new Secret("phone-secret")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), issued(PHONE, "phone-secret"))
                .when(new SignOut(USER, new Secret("never-issued")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
    }

    @Test
    void a_session_is_revoked_by_its_id() {
        fixture.given(registered(), issued(PHONE, "phone-secret"), issued(LAPTOP, "laptop-secret"))
                .when(new RevokeSession(USER, LAPTOP))
                .expectEvents(new RefreshTokenFamilyRevoked(USER, LAPTOP, RevocationReason.SESSION_REVOKED, NOW));
        fixture.given(registered(), issued(PHONE, "phone-secret"),
                        new RefreshTokenFamilyRevoked(USER, PHONE, RevocationReason.SESSION_REVOKED, NOW))
                .when(new RotateRefreshToken(USER, new Secret("phone-secret")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN));
    }

    @Test
    void revoking_an_unknown_session_is_not_found_and_an_ended_one_changes_nothing() {
        fixture.given(registered(), issued(PHONE, "phone-secret"))
                .when(new RevokeSession(USER, UUID.randomUUID()))
                .expectException(rejection(RejectionCode.NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered(), issued(PHONE, "phone-secret"),
                        new RefreshTokenFamilyRevoked(USER, PHONE, RevocationReason.SIGNED_OUT, NOW))
                .when(new RevokeSession(USER, PHONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private RefreshTokenIssued issued(UUID family, String secret) {
        Instant issuedAt = NOW.minus(Duration.ofHours(1));
        return new RefreshTokenIssued(USER, family, UUID.randomUUID(), mint.hash(secret), issuedAt,
                issuedAt.plus(Duration.ofDays(14)));
    }
}
