package io.courier.api.conversation;

/**
 * A {@link KeyPair} as stored: each half sealed by the key vault (AES-256-GCM, the vault key's id inside),
 * so neither the event store nor a read model holds key material in clear.
 */
public record SealedKeyPair(String sealedPublicKey, String sealedPrivateKey) {
}
