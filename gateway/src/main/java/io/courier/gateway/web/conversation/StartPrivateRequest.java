package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

record StartPrivateRequest(@NotNull UUID otherUserId, @NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {

    @Override
    public String toString() {
        return "StartPrivateRequest[otherUserId=" + otherUserId + ", keys redacted]";
    }
}
