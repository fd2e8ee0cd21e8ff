package io.courier.gateway.web.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A mailed one-purpose token, {@code <userId>.<secret>}. */
record TokenRequest(@NotBlank @Size(max = 512) String token) {

    @Override
    public String toString() {
        return "TokenRequest[token=redacted]";
    }
}
