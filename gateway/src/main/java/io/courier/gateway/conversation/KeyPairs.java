package io.courier.gateway.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.KeyPair;
import org.springframework.stereotype.Component;

/**
 * Key halves cross the API as JSON values and the command side as JSON text. The shape is checked here
 * (the public key must be a JWK object, the private key an object or a wrapped string); sizes and
 * everything else are the command side's to decide. Shared by the REST and the real-time adapters.
 */
@Component
public class KeyPairs {

    private final ObjectMapper json;

    KeyPairs(ObjectMapper json) {
        this.json = json;
    }

    public KeyPair fromRequest(JsonNode publicKey, JsonNode privateKey) {
        if (publicKey == null || !publicKey.isObject() || !publicKey.hasNonNull("kty")) {
            throw new CommandRejectedException(RejectionCode.INVALID_KEYS, "publicKey must be a JSON Web Key object");
        }
        if (privateKey == null || !(privateKey.isObject() || privateKey.isTextual())) {
            throw new CommandRejectedException(RejectionCode.INVALID_KEYS,
                    "privateKey must be a JSON Web Key object or a string (a wrapped key)");
        }
        return new KeyPair(text(publicKey), text(privateKey));
    }

    /** Stored JSON text back to a JSON value, so the client gets what it uploaded. */
    public JsonNode toJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored key material is not JSON", e);
        }
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
