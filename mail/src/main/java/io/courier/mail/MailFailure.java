package io.courier.mail;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * What went wrong with a send, as stored in {@code EmailFailed}: a short category, never the exception's message
 * (SMTP servers quote addresses in theirs). Only what cannot succeed on a retry is permanent: the server refused
 * the recipient or the message for good (a 5xx reply), or the mail could not be built.
 */
record MailFailure(String reason, boolean permanent) {

    static MailFailure of(Exception failure) {
        if (failure instanceof MailAuthenticationException) {
            return new MailFailure("authentication", false);
        }
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return new MailFailure("invalid-message", true);
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException) {
                return new MailFailure("connection", false);
            }
            int reply = cause instanceof SMTPAddressFailedException refused ? refused.getReturnCode()
                    : cause instanceof SMTPSendFailedException refused ? refused.getReturnCode() : 0;
            if (reply >= 500) {
                return new MailFailure("rejected", true);
            }
            if (reply >= 400) {
                return new MailFailure("deferred", false);
            }
        }
        return new MailFailure("smtp", false);
    }

    /** Jakarta Mail chains its exceptions through {@code getNextException} as well as the cause. */
    private static Throwable next(Throwable cause) {
        if (cause instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        if (cause instanceof org.springframework.mail.MailSendException send && !send.getFailedMessages().isEmpty()) {
            Exception first = send.getFailedMessages().values().iterator().next();
            if (first != cause) {
                return first;
            }
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
