package io.courier.command.account;

import io.courier.api.account.CheckEmailDelivery;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.EmailDelivery;
import io.courier.api.account.EmailFailed;
import io.courier.api.account.EmailSent;
import io.courier.api.account.RecordEmailFailed;
import io.courier.api.account.RecordEmailSent;
import io.courier.api.account.SealedFields;
import io.courier.api.account.PasswordChangeMethod;
import io.courier.api.account.PasswordChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The outbox's bookkeeping; {@code mailPolicy}: 3 attempts, retries after 10 s, then 20 s (at most 25 s). */
class MailingsTest extends UserFixture {

    private final EmailConfirmationRequested requested = confirmationRequested("confirm-secret", NOW.plus(Duration.ofDays(7)));
    private final UUID mail = requested.mailId();

    @Test
    void a_requested_mail_is_due_at_its_first_attempt() {
        fixture.given(registered(), requested)
                .when(new CheckEmailDelivery(USER, mail))
                .expectNoEvents()
                .expectResultMessagePayload(new EmailDelivery.Due(1));
    }

    @Test
    void a_mail_recorded_as_sent_is_never_due_again_and_recording_it_twice_stores_it_once() {
        fixture.given(registered(), requested)
                .when(new RecordEmailSent(USER, mail))
                .expectEvents(new EmailSent(USER, mail, 1, NOW));
        fixture.given(registered(), requested, new EmailSent(USER, mail, 1, NOW))
                .when(new CheckEmailDelivery(USER, mail))
                .expectResultMessagePayload(new EmailDelivery.Done());
        fixture.given(registered(), requested, new EmailSent(USER, mail, 1, NOW))
                .when(new RecordEmailSent(USER, mail))
                .expectNoEvents();
    }

    @Test
    void a_failure_is_retried_after_a_delay_that_doubles() {
        fixture.given(registered(), requested)
                .when(new RecordEmailFailed(USER, mail, "connection", false))
                .expectEvents(new EmailFailed(USER, mail, 1, "connection", NOW, NOW.plusSeconds(10)))
                .expectResultMessagePayload(new EmailDelivery.NotYet(NOW.plusSeconds(10)));
        fixture.given(registered(), requested, new EmailFailed(USER, mail, 1, "connection", NOW, NOW.plusSeconds(10)))
                .when(new CheckEmailDelivery(USER, mail))
                .expectResultMessagePayload(new EmailDelivery.NotYet(NOW.plusSeconds(10)));
        fixture.given(registered(), requested,
                        new EmailFailed(USER, mail, 1, "connection", NOW.minusSeconds(10), NOW))
                .when(new CheckEmailDelivery(USER, mail))
                .expectResultMessagePayload(new EmailDelivery.Due(2));
        fixture.given(registered(), requested,
                        new EmailFailed(USER, mail, 1, "connection", NOW.minusSeconds(10), NOW))
                .when(new RecordEmailFailed(USER, mail, "connection", false))
                .expectEvents(new EmailFailed(USER, mail, 2, "connection", NOW, NOW.plusSeconds(20)));
    }

    @Test
    void a_mail_is_given_up_after_the_last_attempt_or_a_permanent_failure() {
        fixture.given(registered(), requested,
                        new EmailFailed(USER, mail, 1, "connection", NOW.minusSeconds(40), NOW.minusSeconds(30)),
                        new EmailFailed(USER, mail, 2, "connection", NOW.minusSeconds(20), NOW))
                .when(new RecordEmailFailed(USER, mail, "connection", false))
                .expectEvents(new EmailFailed(USER, mail, 3, "connection", NOW, null))
                .expectResultMessagePayload(new EmailDelivery.Done());
        fixture.given(registered(), requested)
                .when(new RecordEmailFailed(USER, mail, "rejected", true))
                .expectEvents(new EmailFailed(USER, mail, 1, "rejected", NOW, null));
        fixture.given(registered(), requested, new EmailFailed(USER, mail, 1, "rejected", NOW, null))
                .when(new CheckEmailDelivery(USER, mail))
                .expectResultMessagePayload(new EmailDelivery.Done());
    }

    @Test
    void a_token_mail_superseded_before_it_went_out_is_dropped_but_notices_are_not() {
        EmailConfirmationRequested newer = confirmationRequested("newer-secret", NOW.plus(Duration.ofDays(7)));
        fixture.given(registered(), requested, newer)
                .when(new CheckEmailDelivery(USER, mail))
                .expectResultMessagePayload(new EmailDelivery.Done());
        PasswordChanged changed = new PasswordChanged(USER, seal(SealedFields.PASSWORD_HASH, "hash"),
                PasswordChangeMethod.CHANGED, null, UUID.randomUUID(), seal(SealedFields.EMAIL, EMAIL), NOW);
        PasswordChanged again = new PasswordChanged(USER, seal(SealedFields.PASSWORD_HASH, "hash"),
                PasswordChangeMethod.CHANGED, null, UUID.randomUUID(), seal(SealedFields.EMAIL, EMAIL), NOW);
        fixture.given(registered(), changed, again)
                .when(new CheckEmailDelivery(USER, changed.noticeMailId()))
                .expectResultMessagePayload(new EmailDelivery.Due(1));
    }

    @Test
    void an_unknown_mail_is_nothing_to_send_and_its_outcomes_store_nothing() {
        UUID unknown = UUID.randomUUID();
        fixture.given(registered())
                .when(new CheckEmailDelivery(USER, unknown))
                .expectResultMessagePayload(new EmailDelivery.Done());
        fixture.given(registered())
                .when(new RecordEmailFailed(USER, unknown, "connection", false))
                .expectNoEvents()
                .expectResultMessagePayload(new EmailDelivery.Done());
    }

    @Test
    void at_most_20_mails_wait_and_the_oldest_give_way() {
        List<Object> history = new ArrayList<>(List.of(registered()));
        List<UUID> notices = new ArrayList<>();
        for (int i = 0; i < Mailings.MAX_PENDING + 1; i++) {
            PasswordChanged changed = new PasswordChanged(USER, seal(SealedFields.PASSWORD_HASH, "hash"),
                    PasswordChangeMethod.CHANGED, null, UUID.randomUUID(), seal(SealedFields.EMAIL, EMAIL), NOW);
            history.add(changed);
            notices.add(changed.noticeMailId());
        }
        fixture.given(history)
                .when(new CheckEmailDelivery(USER, notices.get(0)))
                .expectResultMessagePayload(new EmailDelivery.Done());
        fixture.given(history)
                .when(new CheckEmailDelivery(USER, notices.get(1)))
                .expectResultMessagePayload(new EmailDelivery.Due(1));
    }
}
