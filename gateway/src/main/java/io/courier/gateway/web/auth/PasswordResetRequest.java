package io.courier.gateway.web.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record PasswordResetRequest(@NotBlank @Size(max = 512) String token, @NotNull @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "PasswordResetRequest[token=redacted, password=redacted]";
    }
}
