package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ChangeEmailRequest(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 1024) String currentPassword) {

    @Override
    public String toString() {
        return "ChangeEmailRequest[email=" + email + ", currentPassword=redacted]";
    }
}
