package io.courier.gateway.web.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;
import java.util.UUID;

record EditMessageRequest(@NotNull @Size(min = 1, max = 1000) Map<UUID, @NotNull String> encryptedMessages) {
}
