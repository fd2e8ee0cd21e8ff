package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;

/** The key halves as the client sends them: a JWK object, and the private key as a JWK or a wrapped string. */
record KeyPairRequest(@NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {

    @Override
    public String toString() {
        return "KeyPairRequest[redacted]";
    }
}
