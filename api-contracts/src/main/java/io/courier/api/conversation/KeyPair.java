package io.courier.api.conversation;

/**
 * A member's key pair for one conversation, as the client made it. {@code publicKey} is the JSON text of a
 * JSON Web Key object, shared with the other members; {@code privateKey} is the JSON text of whatever the
 * client uploads as its private key (a JWK, or a string when the client wrapped it): opaque to the server,
 * handed back only to its owner. Never logged.
 */
public record KeyPair(String publicKey, String privateKey) {

    @Override
    public String toString() {
        return "KeyPair[redacted]";
    }
}
