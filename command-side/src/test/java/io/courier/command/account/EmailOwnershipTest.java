package io.courier.command.account;

import io.courier.api.account.ChangeEmail;
import io.courier.api.account.EmailChangeRequested;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.EmailConfirmed;
import io.courier.api.account.OneTimeTokenPurpose;
import io.courier.api.account.RequestEmailChange;
import io.courier.api.account.RequestEmailConfirmation;
import io.courier.api.account.ResetPassword;
import io.courier.api.account.SealedFields;
import io.courier.api.account.UseEmailToken;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class EmailOwnershipTest extends UserFixture {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void registration_mails_a_confirmation_token_for_7_days_held_only_as_a_hash_and_sealed() {
        fixture.givenNoPriorActivity()
                .when(new io.courier.api.account.RegisterUser(USER, EMAIL, new Secret(PASSWORD), "Ada"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(io.courier.api.account.UserRegistered.class, registered -> true),
                        event(EmailConfirmationRequested.class, requested -> {
                            String token = tokenIn(requested);
                            return token.startsWith(USER + ".")
                                    && requested.tokenHash().equals(OneTimeTokenMint.hash(secretOf(token)))
                                    && !requested.sealedToken().contains(secretOf(token))
                                    && EMAIL.equals(open(SealedFields.EMAIL, requested.sealedEmail()))
                                    && requested.expiresAt().equals(NOW.plus(WEEK));
                        }),
                        andNoMore())));
    }

    @Test
    void using_the_confirmation_token_confirms_the_address_once() {
        EmailConfirmationRequested requested = confirmationRequested("confirm-secret", NOW.plus(WEEK));
        fixture.given(registered(), requested)
                .when(new UseEmailToken(USER, new Secret("confirm-secret")))
                .expectEvents(new EmailConfirmed(USER, requested.tokenId(), NOW))
                .expectResultMessagePayload(OneTimeTokenPurpose.EMAIL_CONFIRM);
        fixture.given(registered(), requested, new EmailConfirmed(USER, requested.tokenId(), NOW))
                .when(new UseEmailToken(USER, new Secret("confirm-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void an_expired_or_unknown_token_is_refused() {
        fixture.given(registered(), confirmationRequested("confirm-secret", NOW))
                .when(new UseEmailToken(USER, new Secret("confirm-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
        fixture.given(registered(), confirmationRequested("confirm-secret", NOW.plus(WEEK)))
                .when(new UseEmailToken(USER, new Secret("another-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void a_new_confirmation_link_revokes_the_older_one() {
        fixture.given(registered(), confirmationRequested("first-secret", NOW.plus(WEEK)),
                        confirmationRequested("second-secret", NOW.plus(WEEK)))
                .when(new UseEmailToken(USER, new Secret("first-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
        fixture.given(registered(), confirmationRequested("first-secret", NOW.plus(WEEK)),
                        confirmationRequested("second-secret", NOW.plus(WEEK)))
                .when(new UseEmailToken(USER, new Secret("second-secret")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_confirmation_mail_can_be_asked_for_again_until_the_address_is_confirmed() {
        EmailConfirmationRequested requested = confirmationRequested("confirm-secret", NOW.plus(WEEK));
        fixture.given(registered(), requested)
                .when(new RequestEmailConfirmation(USER))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(EmailConfirmationRequested.class, again -> !again.tokenId().equals(requested.tokenId())
                                && EMAIL.equals(open(SealedFields.EMAIL, again.sealedEmail()))),
                        andNoMore())));
        fixture.given(registered(), requested, new EmailConfirmed(USER, requested.tokenId(), NOW))
                .when(new RequestEmailConfirmation(USER))
                .expectException(rejection(RejectionCode.EMAIL_ALREADY_CONFIRMED))
                .expectNoEvents();
    }

    @Test
    void an_email_change_mails_a_link_to_the_new_address_and_changes_nothing_yet() {
        registry.claim(EmailAddress.parse(EMAIL), USER);
        fixture.given(registered())
                .when(new RequestEmailChange(USER, "Ada@Example.NET"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(EmailChangeRequested.class, requested ->
                                "ada@example.net".equals(open(SealedFields.EMAIL, requested.sealedNewEmail()))
                                        && requested.expiresAt().equals(NOW.plus(WEEK))
                                        && open(SealedFields.oneTimeToken(requested.tokenId()), requested.sealedToken())
                                        .startsWith(USER + ".")),
                        andNoMore())));
        assertThat(registry.userIdFor(EmailAddress.parse(EMAIL))).contains(USER);
    }

    @Test
    void a_taken_address_is_not_told_when_the_change_is_asked_for() {
        registry.claim(EmailAddress.parse("bob@example.com"), UUID.randomUUID());
        fixture.given(registeredAndClaimed())
                .when(new RequestEmailChange(USER, "bob@example.com"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(EmailChangeRequested.class, e -> true),
                        andNoMore())));
    }

    @Test
    void changing_to_the_current_address_or_a_malformed_one_is_refused() {
        fixture.given(registeredAndClaimed())
                .when(new RequestEmailChange(USER, "ADA@example.com"))
                .expectException(rejection(RejectionCode.INVALID_REQUEST))
                .expectNoEvents();
        fixture.given(registeredAndClaimed())
                .when(new RequestEmailChange(USER, "not an address"))
                .expectException(rejection(RejectionCode.INVALID_EMAIL))
                .expectNoEvents();
    }

    @Test
    void using_the_change_link_moves_the_claim_confirms_the_new_address_and_tells_the_old_one() {
        EmailChangeRequested requested = changeRequested("change-secret", "ada@example.net", NOW.plus(WEEK));
        fixture.given(registeredAndClaimed(), requested)
                .when(new UseEmailToken(USER, new Secret("change-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(EmailChanged.class, changed -> changed.confirmed()
                                && changed.tokenId().equals(requested.tokenId())
                                && changed.noticeMailId() != null
                                && "ada@example.net".equals(open(SealedFields.EMAIL, changed.sealedEmail()))
                                && EMAIL.equals(open(SealedFields.EMAIL, changed.sealedPreviousEmail()))),
                        andNoMore())))
                .expectResultMessagePayload(OneTimeTokenPurpose.EMAIL_CHANGE);
        assertThat(registry.userIdFor(EmailAddress.parse("ada@example.net"))).contains(USER);
        assertThat(registry.userIdFor(EmailAddress.parse(EMAIL))).isEmpty();
    }

    @Test
    void a_change_link_to_an_address_taken_meanwhile_is_a_conflict_and_stays_usable() {
        UUID bob = UUID.randomUUID();
        registry.claim(EmailAddress.parse("ada@example.net"), bob);
        EmailChangeRequested requested = changeRequested("change-secret", "ada@example.net", NOW.plus(WEEK));
        fixture.given(registeredAndClaimed(), requested)
                .when(new UseEmailToken(USER, new Secret("change-secret")))
                .expectException(rejection(RejectionCode.EMAIL_TAKEN))
                .expectNoEvents();

        registry.release(bob);
        fixture.given(registered(), requested)
                .when(new UseEmailToken(USER, new Secret("change-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(EmailChanged.class, e -> true),
                        andNoMore())));
    }

    @Test
    void a_changed_address_revokes_every_outstanding_token() {
        EmailChangeRequested change = changeRequested("change-secret", "ada@example.net", NOW.plus(WEEK));
        EmailChanged changed = new EmailChanged(USER, change.sealedNewEmail(), seal(SealedFields.EMAIL, EMAIL), true,
                change.tokenId(), UUID.randomUUID(), NOW.minusSeconds(1));
        fixture.given(registered(), confirmationRequested("confirm-secret", NOW.plus(WEEK)),
                        resetRequested("reset-secret", NOW.plus(Duration.ofHours(1))), change, changed)
                .when(new UseEmailToken(USER, new Secret("confirm-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
        fixture.given(registered(), confirmationRequested("confirm-secret", NOW.plus(WEEK)),
                        resetRequested("reset-secret", NOW.plus(Duration.ofHours(1))), change, changed)
                .when(new ResetPassword(USER, new Secret("reset-secret"), new Secret("a brand new password")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void tokens_serve_only_their_own_purpose() {
        fixture.given(registered(), resetRequested("reset-secret", NOW.plus(Duration.ofHours(1))))
                .when(new UseEmailToken(USER, new Secret("reset-secret")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
        fixture.given(registered(), confirmationRequested("confirm-secret", NOW.plus(WEEK)))
                .when(new ResetPassword(USER, new Secret("confirm-secret"), new Secret("a brand new password")))
                .expectException(rejection(RejectionCode.INVALID_TOKEN));
    }

    @Test
    void changing_the_address_with_the_password_makes_it_unconfirmed_and_mails_both_addresses() {
        fixture.given(registeredAndClaimed())
                .when(new ChangeEmail(USER, "ada@example.net", new Secret(PASSWORD)))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(EmailChanged.class, changed -> !changed.confirmed() && changed.tokenId() == null
                                && "ada@example.net".equals(open(SealedFields.EMAIL, changed.sealedEmail()))
                                && EMAIL.equals(open(SealedFields.EMAIL, changed.sealedPreviousEmail()))),
                        event(EmailConfirmationRequested.class, requested ->
                                "ada@example.net".equals(open(SealedFields.EMAIL, requested.sealedEmail()))),
                        andNoMore())));
        assertThat(registry.userIdFor(EmailAddress.parse("ada@example.net"))).contains(USER);
    }

    @Test
    void changing_the_address_with_the_password_needs_the_right_password_and_a_free_address() {
        fixture.given(registeredAndClaimed())
                .when(new ChangeEmail(USER, "ada@example.net", new Secret("not the password")))
                .expectException(rejection(RejectionCode.INCORRECT_PASSWORD))
                .expectNoEvents();
        registry.claim(EmailAddress.parse("bob@example.com"), UUID.randomUUID());
        fixture.given(registered())
                .when(new ChangeEmail(USER, "bob@example.com", new Secret(PASSWORD)))
                .expectException(rejection(RejectionCode.EMAIL_TAKEN))
                .expectNoEvents();
        assertThat(registry.userIdFor(EmailAddress.parse(EMAIL))).contains(USER);
    }
}
