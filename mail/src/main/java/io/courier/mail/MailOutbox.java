package io.courier.mail;

import io.courier.api.account.EmailChangeRequested;
import io.courier.api.account.EmailChanged;
import io.courier.api.account.EmailConfirmationRequested;
import io.courier.api.account.PasswordChanged;
import io.courier.api.account.PasswordResetRequested;
import io.courier.api.account.SealedFields;
import io.courier.vault.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox: every stored event that asks for a mail reaches this tracking processor (its own
 * processing group, {@value #PROCESSING_GROUP}, with its own position), which opens the address and token
 * sealed in the event and has {@link MailDelivery} send it. The event is the outbox entry: it is stored with
 * the change that asks for the mail, in one transaction, so no mail is lost to a crash.
 */
@Component
@ProcessingGroup(MailOutbox.PROCESSING_GROUP)
class MailOutbox {

    static final String PROCESSING_GROUP = "mail";

    private final MailDelivery delivery;
    private final MailTemplates templates;
    private final PersonalData personalData;

    MailOutbox(MailDelivery delivery, MailSettings settings, PersonalData personalData) {
        this.delivery = delivery;
        this.templates = new MailTemplates(settings);
        this.personalData = personalData;
    }

    @EventHandler
    void on(EmailConfirmationRequested event) {
        delivery.deliver(event.userId(), event.mailId(), () -> address(event.userId(), event.sealedEmail())
                .flatMap(to -> token(event.userId(), event.tokenId(), event.sealedToken())
                        .map(token -> templates.confirmEmail(to, token, between(event.requestedAt(), event.expiresAt())))));
    }

    @EventHandler
    void on(EmailChangeRequested event) {
        delivery.deliver(event.userId(), event.mailId(), () -> address(event.userId(), event.sealedNewEmail())
                .flatMap(to -> token(event.userId(), event.tokenId(), event.sealedToken())
                        .map(token -> templates.confirmNewEmail(to, token, between(event.requestedAt(), event.expiresAt())))));
    }

    @EventHandler
    void on(PasswordResetRequested event) {
        delivery.deliver(event.userId(), event.mailId(), () -> address(event.userId(), event.sealedEmail())
                .flatMap(to -> token(event.userId(), event.tokenId(), event.sealedToken())
                        .map(token -> templates.resetPassword(to, token, between(event.requestedAt(), event.expiresAt())))));
    }

    /** Told to the previous address, so that its owner notices a take-over. */
    @EventHandler
    void on(EmailChanged event) {
        if (event.noticeMailId() != null) {
            delivery.deliver(event.userId(), event.noticeMailId(), () -> address(event.userId(),
                    event.sealedPreviousEmail()).map(templates::emailChangedNotice));
        }
    }

    @EventHandler
    void on(PasswordChanged event) {
        if (event.noticeMailId() != null) {
            delivery.deliver(event.userId(), event.noticeMailId(), () -> address(event.userId(), event.sealedEmail())
                    .map(templates::passwordChangedNotice));
        }
    }

    private Optional<String> address(UUID userId, String sealed) {
        return personalData.open(userId, SealedFields.EMAIL, sealed);
    }

    private Optional<String> token(UUID userId, UUID tokenId, String sealed) {
        return personalData.open(userId, SealedFields.oneTimeToken(tokenId), sealed);
    }

    private static Duration between(Instant from, Instant to) {
        return Duration.between(from, to);
    }
}
