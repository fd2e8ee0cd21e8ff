package io.courier.command.account;

import io.courier.api.account.IssuedRefreshToken;
import io.courier.api.account.LogIn;
import io.courier.api.account.RefreshTokenFamilyRevoked;
import io.courier.api.account.RefreshTokenIssued;
import io.courier.api.account.RefreshTokenReuseDetected;
import io.courier.api.account.RefreshTokenReusedWithinGrace;
import io.courier.api.account.RefreshTokenRotated;
import io.courier.api.account.RefreshTokenRotation;
import io.courier.api.account.RefreshTokensRevoked;
import io.courier.api.account.RegisterUser;
import io.courier.api.account.RevocationReason;
import io.courier.api.account.RevokeRefreshTokens;
import io.courier.api.account.RotateRefreshToken;
import io.courier.api.account.UserRegistered;
import io.courier.api.account.SealedFields;
import io.courier.vault.PersonalData;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class UserTest extends UserFixture {

    private static final UUID FAMILY = UUID.randomUUID();
    private static final UUID TOKEN = UUID.randomUUID();
    private static final UUID TOKEN_AFTER_FIRST_ROTATION = UUID.randomUUID();

    // --- registration

    @Test
    void registering_records_the_canonical_email_an_argon2id_hash_and_the_display_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, " Ada@Example.com ", new Secret(PASSWORD), "  Ada Lovelace "))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRegistered.class, e -> e.userId().equals(USER)
                                && open(e.userId(), SealedFields.EMAIL, e.sealedEmail()).equals("ada@example.com")
                                && open(e.userId(), SealedFields.PASSWORD_HASH, e.sealedPasswordHash()).startsWith("$argon2id$")
                                && encoder.matches(PASSWORD, open(e.userId(), SealedFields.PASSWORD_HASH, e.sealedPasswordHash()))
                                && open(e.userId(), SealedFields.DISPLAY_NAME, e.sealedDisplayName()).equals("Ada Lovelace")
                                && e.registeredAt().equals(NOW)),
                        confirmationMail(), andNoMore())));
    }

    @Test
    void without_a_display_name_the_email_local_part_is_used() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "grace@example.com", new Secret(PASSWORD), null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRegistered.class, e -> open(e.userId(), SealedFields.DISPLAY_NAME, e.sealedDisplayName()).equals("grace")), confirmationMail(), andNoMore())));
    }

    @Test
    void an_email_claimed_by_another_account_is_refused_in_any_case() {
        registry.claim(EmailAddress.parse("ada@example.com"), UUID.randomUUID());

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ADA@example.com", new Secret(PASSWORD), null))
                .expectException(rejection(RejectionCode.EMAIL_TAKEN))
                .expectNoEvents();
    }

    @Test
    void a_password_must_have_at_least_12_characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret("elevenchars"), null))
                .expectException(rejection(RejectionCode.WEAK_PASSWORD))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret("twelve chars"), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_refused_registration_claims_nothing() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret("short"), null))
                .expectException(rejection(RejectionCode.WEAK_PASSWORD));

        org.assertj.core.api.Assertions.assertThat(registry.userIdFor(EmailAddress.parse("ada@example.com"))).isEmpty();
    }

    @Test
    void malformed_emails_are_refused() {
        for (String email : new String[]{"", "no-at-sign", "two@@example.com", "spaces in@example.com", "a@b"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, email, new Secret(PASSWORD), null))
                    .expectException(rejection(RejectionCode.INVALID_EMAIL))
                    .expectNoEvents();
        }
    }

    @Test
    void display_names_are_3_to_40_characters() {
        for (String name : new String[]{"Al", "x".repeat(41), "   Al  "}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, "ada@example.com", new Secret(PASSWORD), name))
                    .expectException(rejection(RejectionCode.INVALID_DISPLAY_NAME))
                    .expectNoEvents();
        }
        for (String name : new String[]{"Ada", "x".repeat(40), "\uD83D\uDE00".repeat(40)}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(UUID.randomUUID(), UUID.randomUUID() + "@example.com", new Secret(PASSWORD), name))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Test
    void a_short_or_long_local_part_still_makes_a_valid_display_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "al@example.com", new Secret(PASSWORD), null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(UserRegistered.class,
                        e -> "User al".equals(open(SealedFields.DISPLAY_NAME, e.sealedDisplayName()))),
                        confirmationMail(), andNoMore())));
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "x".repeat(60) + "@example.com", new Secret(PASSWORD), null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(event(UserRegistered.class,
                        e -> "x".repeat(40).equals(open(SealedFields.DISPLAY_NAME, e.sealedDisplayName()))),
                        confirmationMail(), andNoMore())));
    }

    @Test
    void display_names_are_bounded_and_free_of_control_characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret(PASSWORD), "x".repeat(65)))
                .expectException(rejection(RejectionCode.INVALID_DISPLAY_NAME));
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret(PASSWORD), "Ada\u0000"))
                .expectException(rejection(RejectionCode.INVALID_DISPLAY_NAME));
    }

    // --- one canonical form per address, no invisible characters

    @Test
    void compatibility_characters_register_the_canonical_address() {
        // U+212A KELVIN SIGN looks like K; full-width letters look like their ASCII twins
        Map<String, String> canonicalByLookalike = Map.of(
                "\u212Aate@Example.com", "kate@example.com",
                "\uFF4B\uFF41\uFF54\uFF45\uFF20example.net", "kate@example.net");
        canonicalByLookalike.forEach((lookalike, canonical) -> fixture.givenNoPriorActivity()
                .when(new RegisterUser(UUID.randomUUID(), lookalike, new Secret(PASSWORD), null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRegistered.class, e -> open(e.userId(), SealedFields.EMAIL, e.sealedEmail()).equals(canonical) && open(e.userId(), SealedFields.DISPLAY_NAME, e.sealedDisplayName()).equals("kate")),
                        confirmationMail(), andNoMore()))));
    }

    @Test
    void a_lookalike_of_a_claimed_address_is_the_same_address() {
        registry.claim(EmailAddress.parse("kate@example.com"), UUID.randomUUID());

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "\u212Aate@example.com", new Secret(PASSWORD), null))
                .expectException(rejection(RejectionCode.EMAIL_TAKEN))
                .expectNoEvents();
    }

    @Test
    void canonicalising_an_address_twice_changes_nothing() {
        for (String raw : new String[]{"\u212Aate@Example.com", "\u0130stanbul@example.com", "\uFB01ne@example.com",
                "Stra\u00DFe@example.com", "\u1E9E@example.com", "\u2460@example.com"}) {
            String canonical = EmailAddress.parse(raw).canonical();
            org.assertj.core.api.Assertions.assertThat(EmailAddress.parse(canonical).canonical()).isEqualTo(canonical);
        }
    }

    @Test
    void emails_with_control_or_format_characters_or_unpaired_surrogates_are_refused() {
        for (String email : new String[]{"kate\u0000@example.com", "ka\u200Bte@example.com", "\uFEFFkate@example.com",
                "kate@exam\u202Eelpmoc.com", "kate@example.com\u0007", "ka\uD800te@example.com",
                "kate\uDC00@example.com", "ka te@example.com", "kate\u2028@example.com"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, email, new Secret(PASSWORD), null))
                    .expectException(rejection(RejectionCode.INVALID_EMAIL))
                    .expectNoEvents();
        }
    }

    @Test
    void display_names_are_stored_in_nfc() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "zoe@example.com", new Secret(PASSWORD), "Zoe\u0308"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRegistered.class, e -> open(e.userId(), SealedFields.DISPLAY_NAME, e.sealedDisplayName()).equals("Zo\u00EB")), confirmationMail(), andNoMore())));
    }

    @Test
    void display_names_with_format_characters_or_unpaired_surrogates_are_refused() {
        for (String name : new String[]{"Ada\u202E", "\u200B", "A\u2066da", "Ad\uDC00a", "\uD83DAda", "Ada\u0085"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, "ada@example.com", new Secret(PASSWORD), name))
                    .expectException(rejection(RejectionCode.INVALID_DISPLAY_NAME))
                    .expectNoEvents();
        }
    }

    @Test
    void unicode_passwords_are_hashed_in_nfkc() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret("cafe\u0301 au lait, s'il vous pla\u00EEt"), null))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(UserRegistered.class, e -> encoder.matches("caf\u00E9 au lait, s'il vous pla\u00EEt",
                                open(e.userId(), SealedFields.PASSWORD_HASH, e.sealedPasswordHash()))),
                        confirmationMail(), andNoMore())));
    }

    @Test
    void passwords_with_unpaired_surrogates_or_control_characters_are_refused() {
        for (String password : new String[]{"correct horse\u0000battery", "correct horse \uD800 battery",
                "correct horse battery\uDC00", "correct\u001Bhorse battery"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser(USER, "ada@example.com", new Secret(password), null))
                    .expectException(rejection(RejectionCode.WEAK_PASSWORD))
                    .expectNoEvents();
        }
    }

    @Test
    void a_password_with_spaces_and_symbols_is_fine() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "ada@example.com", new Secret("  \u00A0\u2603 \uD83D\uDD11 \u0416 \u00BD ~!@#$%^&*() \\ \"  "), null))
                .expectSuccessfulHandlerExecution();
    }

    // --- login

    @Test
    void logging_in_opens_a_token_family_valid_for_14_days() {
        registry.claim(EmailAddress.parse("ada@example.com"), USER);

        fixture.given(registered())
                .when(new LogIn("Ada@Example.com", new Secret(PASSWORD)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenIssued.class, e -> e.userId().equals(USER)
                                && e.issuedAt().equals(NOW)
                                && e.expiresAt().equals(NOW.plus(Duration.ofDays(14)))
                                && e.tokenHash().length() == 64),
                        andNoMore())))
                .expectResultMessagePayloadMatching(event(IssuedRefreshToken.class, issued ->
                        issued.token().userId().equals(USER) && issued.expiresAt().equals(NOW.plus(Duration.ofDays(14)))));
    }

    @Test
    void a_wrong_password_is_refused_without_events() {
        registry.claim(EmailAddress.parse("ada@example.com"), USER);

        fixture.given(registered())
                .when(new LogIn("ada@example.com", new Secret("not the password")))
                .expectException(rejection(RejectionCode.INVALID_CREDENTIALS))
                .expectNoEvents();
    }

    @Test
    void an_unknown_email_gets_the_same_refusal_as_a_wrong_password() {
        fixture.givenNoPriorActivity()
                .when(new LogIn("nobody@example.com", new Secret(PASSWORD)))
                .expectException(rejection(RejectionCode.INVALID_CREDENTIALS));
    }

    @Test
    void a_password_typed_in_another_normalisation_form_still_matches() {
        registry.claim(EmailAddress.parse("ada@example.com"), USER);

        fixture.given(registeredWithHashOf("caf\u00E9 au lait please"))
                .when(new LogIn("ada@example.com", new Secret("cafe\u0301 au lait please")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_password_hashed_before_normalisation_existed_still_matches() {
        registry.claim(EmailAddress.parse("ada@example.com"), USER);

        fixture.given(registeredWithHashOf("\uFB01ne password indeed"))
                .when(new LogIn("ada@example.com", new Secret("\uFB01ne password indeed")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_lookalike_email_logs_in_to_the_canonical_account() {
        registry.claim(EmailAddress.parse("kate@example.com"), USER);

        fixture.given(registered())
                .when(new LogIn("\u212Aate@example.com", new Secret(PASSWORD)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_account_registered_with_a_non_canonical_email_still_loads() {
        // events stored before canonicalisation carry the address as typed; the aggregate never reads it
        registry.claim(EmailAddress.parse("kate@example.com"), USER);

        fixture.given(new UserRegistered(USER, PersonalData.plain("\u212Aate@Example.com"),
                        PersonalData.plain(encoder.encode(PASSWORD)), PersonalData.plain("\u212Aate"),
                        NOW.minus(Duration.ofDays(1))))
                .when(new LogIn("kate@example.com", new Secret(PASSWORD)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void unreadable_passwords_and_emails_at_login_are_a_plain_refusal() {
        registry.claim(EmailAddress.parse("ada@example.com"), USER);

        for (String password : new String[]{"correct horse \uD800 battery", "correct horse battery\u0000"}) {
            fixture.given(registered())
                    .when(new LogIn("ada@example.com", new Secret(password)))
                    .expectException(rejection(RejectionCode.INVALID_CREDENTIALS))
                    .expectNoEvents();
        }
        for (String email : new String[]{"ada\u0000@example.com", "ada@example.com\uDFFF", "a\u200Bda@example.com"}) {
            fixture.given(registered())
                    .when(new LogIn(email, new Secret(PASSWORD)))
                    .expectException(rejection(RejectionCode.INVALID_CREDENTIALS))
                    .expectNoEvents();
        }
    }

    // --- rotation

    @Test
    void rotating_replaces_the_token_within_its_family() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenRotated.class, e -> e.familyId().equals(FAMILY)
                                && e.previousTokenId().equals(TOKEN)
                                && !e.tokenId().equals(TOKEN)
                                && !e.tokenHash().equals(mint.hash("first-secret"))
                                && e.expiresAt().equals(NOW.plus(Duration.ofDays(14)))),
                        andNoMore())))
                .expectResultMessagePayloadMatching(event(RefreshTokenRotation.Rotated.class, rotated ->
                        rotated.token().familyId().equals(FAMILY)));
    }

    @Test
    void presenting_a_rotated_token_again_revokes_the_family_and_stores_why() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret"))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new RefreshTokenReuseDetected(USER, FAMILY, TOKEN, NOW),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW))
                .expectResultMessagePayload(new RefreshTokenRotation.ReuseDetected(USER, FAMILY));
    }

    @Test
    void after_reuse_even_the_newest_token_of_the_family_is_refused() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))), rotatedTo("second-secret"),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW))
                .when(new RotateRefreshToken(USER, new Secret("second-secret")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
    }

    @Test
    void unknown_and_expired_tokens_are_refused_without_events() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))))
                .when(new RotateRefreshToken(USER, new Secret("never-issued")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
        fixture.given(registered(), issued("old-secret", NOW.minusSeconds(1)))
                .when(new RotateRefreshToken(USER, new Secret("old-secret")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
    }

    // --- reuse within the grace period (two tabs racing)

    @Test
    void a_rotated_token_presented_again_within_the_grace_period_gets_a_new_token_of_the_same_family() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW.minusSeconds(10)))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenReusedWithinGrace.class, e -> e.familyId().equals(FAMILY)
                                && e.reusedTokenId().equals(TOKEN)
                                && e.reusedAt().equals(NOW)
                                && e.expiresAt().equals(NOW.plus(Duration.ofDays(14)))),
                        andNoMore())))
                .expectResultMessagePayloadMatching(event(RefreshTokenRotation.Rotated.class, rotated ->
                        rotated.token().familyId().equals(FAMILY)));
    }

    @Test
    void after_a_reuse_within_grace_both_successors_still_rotate() {
        UUID graceToken = UUID.randomUUID();
        RefreshTokenReusedWithinGrace reused = new RefreshTokenReusedWithinGrace(USER, FAMILY, TOKEN, graceToken,
                mint.hash("grace-secret"), NOW.minusSeconds(5), NOW.plus(Duration.ofDays(14)));
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW.minusSeconds(10)), reused)
                .when(new RotateRefreshToken(USER, new Secret("second-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenRotated.class, e -> e.familyId().equals(FAMILY)), andNoMore())));
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW.minusSeconds(10)), reused)
                .when(new RotateRefreshToken(USER, new Secret("grace-secret")))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        event(RefreshTokenRotated.class, e -> e.previousTokenId().equals(graceToken)), andNoMore())));
    }

    @Test
    void past_the_grace_period_reuse_revokes_the_family() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW.minus(RefreshTokenPolicy.DEFAULT_REUSE_GRACE)))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectEvents(
                        new RefreshTokenReuseDetected(USER, FAMILY, TOKEN, NOW),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW));
    }

    @Test
    void a_rotated_token_is_honoured_at_most_three_times_within_the_grace_period() {
        List<Object> history = new ArrayList<>(List.of(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                rotatedTo("second-secret", NOW.minusSeconds(10))));
        for (int i = 0; i < RefreshTokenPolicy.DEFAULT_MAX_REUSES_WITHIN_GRACE; i++) {
            history.add(new RefreshTokenReusedWithinGrace(USER, FAMILY, TOKEN, UUID.randomUUID(),
                    mint.hash("grace-" + i), NOW.minusSeconds(5), NOW.plus(Duration.ofDays(14))));
        }
        fixture.given(history)
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectEvents(
                        new RefreshTokenReuseDetected(USER, FAMILY, TOKEN, NOW),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW));
    }

    @Test
    void with_a_grace_period_of_zero_any_reuse_revokes_the_family() {
        fixtureWithReuseGrace(Duration.ZERO)
                .given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectEvents(
                        new RefreshTokenReuseDetected(USER, FAMILY, TOKEN, NOW),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW));
    }

    @Test
    void signing_out_everywhere_also_ends_tokens_in_their_grace_period() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        rotatedTo("second-secret", NOW.minusSeconds(10)),
                        new RefreshTokensRevoked(USER, RevocationReason.SIGN_OUT_EVERYWHERE, NOW.minusSeconds(5)))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
    }

    // --- bounded memory

    @Test
    void a_session_remembers_its_last_100_rotated_tokens_and_refuses_older_ones_without_revoking() {
        List<Object> history = new ArrayList<>(List.of(registered(), issued("secret-0", NOW.plus(Duration.ofDays(14)))));
        UUID previous = TOKEN;
        for (int i = 1; i <= RefreshTokens.ROTATED_TOKENS_REMEMBERED + 1; i++) {
            UUID next = i == 1 ? TOKEN_AFTER_FIRST_ROTATION : UUID.randomUUID();
            history.add(new RefreshTokenRotated(USER, FAMILY, previous, next, mint.hash("secret-" + i),
                    NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(14))));
            previous = next;
        }
        fixture.given(history)
                .when(new RotateRefreshToken(USER, new Secret("secret-0")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
        fixture.given(history)
                .when(new RotateRefreshToken(USER, new Secret("secret-1")))
                .expectEvents(
                        new RefreshTokenReuseDetected(USER, FAMILY, TOKEN_AFTER_FIRST_ROTATION, NOW),
                        new RefreshTokenFamilyRevoked(USER, FAMILY, RevocationReason.REUSE_DETECTED, NOW));
    }

    // --- sign out everywhere

    @Test
    void signing_out_everywhere_is_recorded_with_its_reason() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))))
                .when(new RevokeRefreshTokens(USER, RevocationReason.SIGN_OUT_EVERYWHERE))
                .expectEvents(new RefreshTokensRevoked(USER, RevocationReason.SIGN_OUT_EVERYWHERE, NOW));
    }

    @Test
    void after_signing_out_everywhere_no_earlier_token_rotates() {
        fixture.given(registered(), issued("first-secret", NOW.plus(Duration.ofDays(14))),
                        new RefreshTokensRevoked(USER, RevocationReason.SIGN_OUT_EVERYWHERE, NOW))
                .when(new RotateRefreshToken(USER, new Secret("first-secret")))
                .expectException(rejection(RejectionCode.INVALID_REFRESH_TOKEN))
                .expectNoEvents();
    }

    // --- helpers

    private RefreshTokenIssued issued(String secret, Instant expiresAt) {
        return new RefreshTokenIssued(USER, FAMILY, TOKEN, mint.hash(secret), NOW.minus(Duration.ofDays(15)), expiresAt);
    }

    private RefreshTokenRotated rotatedTo(String secret) {
        return rotatedTo(secret, NOW.minus(Duration.ofHours(1)));
    }

    private RefreshTokenRotated rotatedTo(String secret, Instant rotatedAt) {
        return new RefreshTokenRotated(USER, FAMILY, TOKEN, UUID.randomUUID(), mint.hash(secret),
                rotatedAt, NOW.plus(Duration.ofDays(14)));
    }
}
