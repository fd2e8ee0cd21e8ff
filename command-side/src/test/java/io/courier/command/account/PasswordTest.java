package io.courier.command.account;

import io.courier.api.account.ChangePassword;
import io.courier.api.account.CheckPasswordResetToken;
import io.courier.api.account.LogIn;
import io.courier.api.account.PasswordChangeMethod;
import io.courier.api.account.PasswordChanged;
import io.courier.api.account.PasswordResetRequested;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RequestPasswordReset;
import io.courier.api.account.ResetPassword;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.SealedFields;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class PasswordTest extends UserFixture {

    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void a_reset_request_for_a_known_address_in_any_form_mails_a_token_valid_for_an_hour() {
        fixture.given(registeredAndClaimed())
                .when(new RequestPasswordReset(" ADA@example.com"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(PasswordResetRequested.class, requested ->
                                EMAIL.equals(open(SealedFields.EMAIL, requested.sealedEmail()))
                                        && requested.expiresAt().equals(NOW.plus(HOUR))
                                        && requested.tokenHash().equals(OneTimeTokenMint.hash(secretOf(
                                        open(SealedFields.oneTimeToken(requested.tokenId()), requested.sealedToken()))))),
                        andNoMore())));
    }

    @Test
    void a_reset_request_for_an_unknown_or_malformed_address_does_nothing_and_says_nothing() {
        fixture.given(registeredAndClaimed())
                .when(new RequestPasswordReset("nobody@example.com"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registeredAndClaimed())
                .when(new RequestPasswordReset("\u0000not an address"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void checking_a_reset_token_tells_its_expiry_and_uses_nothing() {
        fixture.given(registered(), resetRequested("reset-secret", NOW.plus(HOUR)))
                .when(new CheckPasswordResetToken(USER, new Secret("reset-secret")))
                .expectNoEvents()
                .expectResultMessagePayload(NOW.plus(HOUR));
        fixture.given(registered(), resetRequested("reset-secret", NOW))
                .when(new CheckPasswordResetToken(USER, new Secret("reset-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
    }

    @Test
    void resetting_sets_the_password_and_revokes_every_refresh_token() {
        PasswordResetRequested requested = resetRequested("reset-secret", NOW.plus(HOUR));
        fixture.given(registered(), requested)
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret(NEW_PASSWORD)))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(PasswordChanged.class, changed -> changed.method() == PasswordChangeMethod.RESET
                                && changed.tokenId().equals(requested.tokenId())
                                && changed.noticeMailId() != null
                                && EMAIL.equals(open(SealedFields.EMAIL, changed.sealedEmail()))
                                && encoder.matches(NEW_PASSWORD, open(SealedFields.PASSWORD_HASH,
                                changed.sealedPasswordHash()))),
                        event(RefreshTokensRevoked.class, revoked -> revoked.reason() == RevocationReason.PASSWORD_RESET),
                        andNoMore())));
    }

    @Test
    void a_reset_token_works_once_and_not_after_a_newer_one() {
        PasswordResetRequested requested = resetRequested("reset-secret", NOW.plus(HOUR));
        fixture.given(registered(), requested, changed(PasswordChangeMethod.RESET, requested.tokenId()))
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret(NEW_PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
        fixture.given(registered(), requested, resetRequested("newer-secret", NOW.plus(HOUR)))
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret(NEW_PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void an_expired_reset_token_is_refused() {
        fixture.given(registered(), resetRequested("reset-secret", NOW.minusSeconds(1)))
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret(NEW_PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void a_weak_new_password_is_refused_and_the_token_stays_usable() {
        fixture.given(registered(), resetRequested("reset-secret", NOW.plus(HOUR)))
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret("short")))
                .expectException(rejection(RejectionCode.WEAK_PASSWORD))
                .expectNoEvents();
        fixture.given(registered(), resetRequested("reset-secret", NOW.plus(HOUR)))
                .when(new CheckPasswordResetToken(USER, new Secret("reset-secret")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void changing_the_password_needs_the_current_one_and_revokes_refresh_and_reset_tokens() {
        fixture.given(registered())
                .when(new ChangePassword(USER, new Secret("not the password"), new Secret(NEW_PASSWORD)))
                .expectException(rejection(RejectionCode.INCORRECT_PASSWORD))
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangePassword(USER, new Secret(PASSWORD), new Secret(NEW_PASSWORD)))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(PasswordChanged.class, changed -> changed.method() == PasswordChangeMethod.CHANGED
                                && changed.tokenId() == null
                                && encoder.matches(NEW_PASSWORD, open(SealedFields.PASSWORD_HASH,
                                changed.sealedPasswordHash()))),
                        event(RefreshTokensRevoked.class, revoked -> revoked.reason() == RevocationReason.PASSWORD_CHANGED),
                        andNoMore())));
        fixture.given(registered(), resetRequested("reset-secret", NOW.plus(HOUR)), changed(PasswordChangeMethod.CHANGED, null))
                .when(new CheckPasswordResetToken(USER, new Secret("reset-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
    }

    @Test
    void a_weak_new_password_changes_nothing() {
        fixture.given(registered())
                .when(new ChangePassword(USER, new Secret(PASSWORD), new Secret("too short")))
                .expectException(rejection(RejectionCode.WEAK_PASSWORD))
                .expectNoEvents();
    }

    @Test
    void after_a_change_only_the_new_password_logs_in() {
        registry.claim(EmailAddress.parse(EMAIL), USER);
        fixture.given(registered(), changed(PasswordChangeMethod.RESET, UUID.randomUUID()))
                .when(new LogIn(EMAIL, new Secret(PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_CREDENTIALS));
        fixture.given(registered(), changed(PasswordChangeMethod.RESET, UUID.randomUUID()))
                .when(new LogIn(EMAIL, new Secret(NEW_PASSWORD)))
                .expectSuccessfulHandlerExecution();
    }

    private PasswordChanged changed(PasswordChangeMethod method, UUID tokenId) {
        return new PasswordChanged(USER, seal(SealedFields.PASSWORD_HASH, encoder.encode(NEW_PASSWORD)), method, tokenId,
                UUID.randomUUID(), seal(SealedFields.EMAIL, EMAIL), NOW.minusSeconds(5));
    }
}
