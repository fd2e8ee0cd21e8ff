package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record SignOutRequest(@NotBlank @Size(max = 512) String refreshToken) {

    @Override
    public String toString() {
        return "SignOutRequest[refreshToken=redacted]";
    }
}
