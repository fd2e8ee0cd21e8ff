package io.courier.query.conversation;

import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Opens the key material the read model keeps sealed, at the moment it is handed to a member. Each value
 * is bound to its conversation, member and half, so a sealed value moved to another row does not open.
 */
@Component
class SealedKeys {

    private final KeyVault vault;

    SealedKeys(KeyVault vault) {
        this.vault = vault;
    }

    String openPublicKey(UUID conversationId, UUID userId, String sealed) {
        return vault.open(sealed, SealingContexts.conversationPublicKey(conversationId, userId));
    }

    String openPrivateKey(UUID conversationId, UUID userId, String sealed) {
        return vault.open(sealed, SealingContexts.conversationPrivateKey(conversationId, userId));
    }
}
