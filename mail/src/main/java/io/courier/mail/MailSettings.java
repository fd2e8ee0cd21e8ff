package io.courier.mail;

import java.util.Objects;

/** Where links in mails point ({@code FRONTEND_URL}, no trailing slash) and who mails are from ({@code FROM_EMAIL}). */
public record MailSettings(String frontendUrl, String fromAddress) {

    public MailSettings {
        Objects.requireNonNull(frontendUrl, "frontendUrl");
        Objects.requireNonNull(fromAddress, "fromAddress");
        frontendUrl = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
    }
}
