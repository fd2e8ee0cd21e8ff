package io.courier.gateway.web.auth;

import io.courier.api.account.OneTimeTokenPurpose;

import java.util.Locale;

/** What a used email token did: {@code email_confirm} or {@code email_change}, as the mail routes are named. */
record TokenPurposeResponse(String purpose) {

    static TokenPurposeResponse of(OneTimeTokenPurpose purpose) {
        return new TokenPurposeResponse(purpose.name().toLowerCase(Locale.ROOT));
    }
}
