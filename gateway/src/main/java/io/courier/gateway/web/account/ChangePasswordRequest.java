package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
                             @NotNull @Size(max = 1024) String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[currentPassword=redacted, newPassword=redacted]";
    }
}
