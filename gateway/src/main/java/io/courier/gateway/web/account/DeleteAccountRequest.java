package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record DeleteAccountRequest(@NotNull @Size(max = 1024) String currentPassword) {

    @Override
    public String toString() {
        return "DeleteAccountRequest[currentPassword=redacted]";
    }
}
