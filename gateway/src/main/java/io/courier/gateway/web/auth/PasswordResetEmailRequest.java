package io.courier.gateway.web.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record PasswordResetEmailRequest(@NotBlank @Size(max = 320) String email) {
}
