package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record EmailChangeLinkRequest(@NotBlank @Size(max = 320) String email) {
}
