package io.courier.gateway.web.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=redacted]";
    }
}
