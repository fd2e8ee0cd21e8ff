package io.courier.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.account.CheckEmailDelivery;
import io.courier.api.account.EmailChangeRequested;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.EmailDelivery;
import io.courier.api.account.EmailFailed;
import io.courier.api.account.EmailSent;
import io.courier.api.account.OneTimeTokenPurpose;
import io.courier.api.account.PasswordChanged;
import io.courier.api.account.PasswordResetRequested;
import io.courier.api.account.RecordEmailFailed;
import io.courier.api.account.RecordEmailSent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The mails a {@link User}'s events asked for that are not sent yet: the outbox's bookkeeping. The mail
 * processor asks before each attempt and records each outcome here, so a mail recorded as sent is never sent
 * again, after a restart or a replay, and failures are retried on the {@link MailDeliveryPolicy}'s schedule.
 * A token mail superseded before it went out (a newer link of its purpose, or the tokens revoked) is dropped:
 * its link would not work. At most {@value #MAX_PENDING} are kept; the oldest give way.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Mailings {

    static final int MAX_PENDING = 20;

    private final LinkedHashMap<UUID, Pending> pending = new LinkedHashMap<>();

    @CommandHandler
    EmailDelivery handle(CheckEmailDelivery command, Clock clock) {
        Pending mail = pending.get(command.mailId());
        if (mail == null) {
            return new EmailDelivery.Done();
        }
        if (mail.retryAt() != null && clock.instant().isBefore(mail.retryAt())) {
            return new EmailDelivery.NotYet(mail.retryAt());
        }
        return new EmailDelivery.Due(mail.failedAttempts() + 1);
    }

    @CommandHandler
    void handle(RecordEmailSent command, Clock clock) {
        Pending mail = pending.get(command.mailId());
        if (mail != null) {
            apply(new EmailSent(command.userId(), command.mailId(), mail.failedAttempts() + 1, clock.instant()));
        }
    }

    @CommandHandler
    EmailDelivery handle(RecordEmailFailed command, MailDeliveryPolicy policy, Clock clock) {
        Pending mail = pending.get(command.mailId());
        if (mail == null) {
            return new EmailDelivery.Done();
        }
        Instant now = clock.instant();
        int attempt = mail.failedAttempts() + 1;
        boolean giveUp = command.permanent() || attempt >= policy.maxAttempts();
        Instant retryAt = giveUp ? null : now.plus(policy.delayAfter(attempt));
        apply(new EmailFailed(command.userId(), command.mailId(), attempt, command.reason(), now, retryAt));
        return giveUp ? new EmailDelivery.Done() : new EmailDelivery.NotYet(retryAt);
    }

    @EventSourcingHandler
    void on(EmailConfirmationRequested event) {
        requested(event.mailId(), OneTimeTokenPurpose.EMAIL_CONFIRM);
    }

    @EventSourcingHandler
    void on(EmailChangeRequested event) {
        requested(event.mailId(), OneTimeTokenPurpose.EMAIL_CHANGE);
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        requested(event.mailId(), OneTimeTokenPurpose.PASSWORD_RESET);
    }

    @EventSourcingHandler
    void on(EmailChanged event) {
        // every token was revoked: their mails would carry dead links
        pending.values().removeIf(mail -> mail.purpose() != null);
        requested(event.noticeMailId(), null);
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        pending.values().removeIf(mail -> mail.purpose() == OneTimeTokenPurpose.PASSWORD_RESET);
        requested(event.noticeMailId(), null);
    }

    @EventSourcingHandler
    void on(EmailSent event) {
        pending.remove(event.mailId());
    }

    @EventSourcingHandler
    void on(EmailFailed event) {
        if (event.retryAt() == null) {
            pending.remove(event.mailId());
        } else {
            pending.computeIfPresent(event.mailId(),
                    (id, mail) -> new Pending(mail.purpose(), event.attempt(), event.retryAt()));
        }
    }

    /** {@code purpose} null for notices, which carry no token and are never superseded. */
    private void requested(UUID mailId, OneTimeTokenPurpose purpose) {
        if (mailId == null) {
            return;
        }
        if (purpose != null) {
            pending.values().removeIf(mail -> mail.purpose() == purpose);
        }
        pending.put(mailId, new Pending(purpose, 0, null));
        Iterator<Map.Entry<UUID, Pending>> oldestFirst = pending.entrySet().iterator();
        while (pending.size() > MAX_PENDING) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    record Pending(OneTimeTokenPurpose purpose, int failedAttempts, Instant retryAt) {
    }
}
