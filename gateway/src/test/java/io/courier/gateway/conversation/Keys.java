package io.courier.gateway.conversation;

import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;

import java.time.Instant;
import java.util.UUID;

/**
 * Key pairs as the command side records them: sealed with the application's own vault. The texts are
 * recognisable per member and version, so a test can tell whose key came back and look for it in tables.
 */
record Keys(KeyVault vault) {

    static String publicKey(UUID conversationId, UUID userId, int version) {
        return "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"public-" + conversationId + "-" + userId + "-v" + version + "\"}";
    }

    static String privateKey(UUID conversationId, UUID userId, int version) {
        return "{\"kty\":\"RSA\",\"d\":\"private-" + conversationId + "-" + userId + "-v" + version + "\"}";
    }

    SealedKeyPair seal(UUID conversationId, UUID userId, int version) {
        return new SealedKeyPair(
                vault.seal(publicKey(conversationId, userId, version), SealingContexts.conversationPublicKey(conversationId, userId)),
                vault.seal(privateKey(conversationId, userId, version), SealingContexts.conversationPrivateKey(conversationId, userId)));
    }

    ConversationKeysSet set(UUID conversationId, UUID userId, int version, Instant at) {
        return new ConversationKeysSet(conversationId, userId, seal(conversationId, userId, version), at);
    }

    /** The same key pair sealed again, as after a vault key rotation. */
    ConversationKeysResealed resealed(UUID conversationId, UUID userId, int version, Instant at) {
        return new ConversationKeysResealed(conversationId, userId, seal(conversationId, userId, version), at);
    }
}
