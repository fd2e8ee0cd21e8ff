package io.courier.mail;

import io.courier.api.account.CheckEmailDelivery;
import io.courier.api.account.EmailDelivery;
import io.courier.api.account.RecordEmailFailed;
import io.courier.api.account.RecordEmailSent;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Sends one mail of the outbox: asks the {@code User} whether it is due, sends it over SMTP, and records the
 * outcome there by command. The commands run on a thread of their own, so each is its own transaction,
 * committed before the processor moves on: a mail recorded as sent is skipped when its event comes again
 * (after a crash before the processor stored its position, or a replay), and failures count across restarts.
 * A crash between the SMTP server's acceptance and the record is the one case that sends a mail twice.
 */
@Component
class MailDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final CommandGateway commands;
    private final JavaMailSender sender;
    private final MailSettings settings;
    private final ExecutorService records = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mail-records");
        thread.setDaemon(true);
        return thread;
    });

    MailDelivery(CommandGateway commands, JavaMailSender sender, MailSettings settings) {
        this.commands = commands;
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * @param compose the mail, opened from its event; empty when that can no longer be read
     * @throws MailRetryPending when it is to be tried again: the processor then retries the event later
     */
    void deliver(UUID userId, UUID mailId, Supplier<Optional<OutgoingMail>> compose) {
        EmailDelivery delivery = ask(new CheckEmailDelivery(userId, mailId));
        if (delivery instanceof EmailDelivery.NotYet notYet) {
            throw new MailRetryPending(mailId, notYet.retryAt());
        }
        if (!(delivery instanceof EmailDelivery.Due due)) {
            return;
        }
        Optional<OutgoingMail> mail = compose.get();
        if (mail.isEmpty()) {
            ask(new RecordEmailFailed(userId, mailId, "unreadable", true));
            return;
        }
        try {
            sender.send(message(mail.get()));
        } catch (MailException failure) {
            MailFailure cause = MailFailure.of(failure);
            log.warn("Mail {} of user {} failed at attempt {}: {}", mailId, userId, due.attempt(), cause.reason());
            if (ask(new RecordEmailFailed(userId, mailId, cause.reason(), cause.permanent()))
                    instanceof EmailDelivery.NotYet retry) {
                throw new MailRetryPending(mailId, retry.retryAt());
            }
            log.warn("Mail {} of user {} given up after {} attempts", mailId, userId, due.attempt());
            return;
        }
        record(new RecordEmailSent(userId, mailId));
        log.debug("Mail {} of user {} sent at attempt {}", mailId, userId, due.attempt());
    }

    private MimeMessage message(OutgoingMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(settings.fromAddress());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
        } catch (MessagingException invalid) {
            throw new org.springframework.mail.MailPreparationException("Could not build the mail", invalid);
        }
        return message;
    }

    /** A deleted account answers "not found": nothing is left to send for it. */
    private EmailDelivery ask(Object command) {
        Object answer = record(command);
        return answer instanceof EmailDelivery delivery ? delivery : new EmailDelivery.Done();
    }

    /** @return the command's result, or null when the account is gone */
    private Object record(Object command) {
        try {
            return CompletableFuture.supplyAsync(() -> commands.sendAndWait(command), records).join();
        } catch (CompletionException failure) {
            if (isNotFound(failure)) {
                return null;
            }
            throw failure;
        }
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException rejected) {
                return rejected.code() == RejectionCode.NOT_FOUND;
            }
            if (cause instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof RejectionDetails details) {
                return details.code() == RejectionCode.NOT_FOUND;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        records.shutdown();
    }
}
