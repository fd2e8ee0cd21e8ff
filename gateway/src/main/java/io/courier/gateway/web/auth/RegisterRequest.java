package io.courier.gateway.web.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Shape checks only; the command side decides what a valid email, password or name is. */
record RegisterRequest(@NotBlank @Size(max = 320) String email,
                       @NotNull @Size(max = 1024) String password,
                       @Size(max = 256) String displayName) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", password=redacted, displayName=" + displayName + "]";
    }
}
