package io.courier.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The text of every mail Courier sends. Links point at the frontend ({@code FRONTEND_URL}), which shows a page
 * and calls the API with the token: {@code /confirm-email?token=} for {@code POST /auth/confirm} (both a
 * confirmation and an email change), {@code /reset-password?token=} for {@code /auth/password/*}. Every value
 * put into HTML is escaped.
 */
public final class MailTemplates {

    public static final String CONFIRM_EMAIL_PATH = "/confirm-email";
    public static final String RESET_PASSWORD_PATH = "/reset-password";

    private final MailSettings settings;

    public MailTemplates(MailSettings settings) {
        this.settings = settings;
    }

    public OutgoingMail confirmEmail(String to, String token, Duration validFor) {
        return withLink(to, "Confirm your email address",
                "Please confirm that this is your email address for Courier.",
                "Confirm my address", link(CONFIRM_EMAIL_PATH, token), validFor,
                "If you did not create a Courier account, you can ignore this mail.");
    }

    public OutgoingMail confirmNewEmail(String to, String token, Duration validFor) {
        return withLink(to, "Confirm your new email address",
                "You asked to use this address for your Courier account from now on.",
                "Use this address", link(CONFIRM_EMAIL_PATH, token), validFor,
                "If you did not ask for this, ignore this mail: nothing changes.");
    }

    public OutgoingMail resetPassword(String to, String token, Duration validFor) {
        return withLink(to, "Reset your Courier password",
                "Someone, hopefully you, asked to reset the password of your Courier account.",
                "Choose a new password", link(RESET_PASSWORD_PATH, token), validFor,
                "If it was not you, ignore this mail: your password stays as it is.");
    }

    public OutgoingMail emailChangedNotice(String to) {
        return notice(to, "Your Courier email address was changed",
                "The email address of your Courier account was changed; mail now goes to the new address.",
                "If you did not do this, contact us at once: someone may have taken over your account.");
    }

    public OutgoingMail passwordChangedNotice(String to) {
        return notice(to, "Your Courier password was changed",
                "The password of your Courier account was changed, and every device was signed out.",
                "If you did not do this, reset your password at once.");
    }

    String link(String path, String token) {
        return settings.frontendUrl() + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static OutgoingMail withLink(String to, String subject, String intro, String action, String link,
                                         Duration validFor, String outro) {
        String validity = "The link works for " + describe(validFor) + ", once.";
        String text = intro + "\n\n" + action + ":\n" + link + "\n\n" + validity + "\n\n" + outro + "\n";
        String html = page(subject, "<p>" + escape(intro) + "</p>\n<p><a href=\"" + escape(link) + "\">"
                + escape(action) + "</a></p>\n<p>" + escape(validity) + "</p>\n<p>" + escape(outro) + "</p>");
        return new OutgoingMail(to, subject, text, html);
    }

    private static OutgoingMail notice(String to, String subject, String body, String outro) {
        return new OutgoingMail(to, subject, body + "\n\n" + outro + "\n",
                page(subject, "<p>" + escape(body) + "</p>\n<p>" + escape(outro) + "</p>"));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>\n<body>\n"
                + body + "\n</body></html>\n";
    }

    static String describe(Duration duration) {
        if (duration.toDays() >= 1 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() >= 1 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count == 1 ? (unit.equals("hour") ? "an hour" : "a " + unit) : count + " " + unit + "s";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
