package io.courier.command.conversation;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.command.text.Utf8;
import io.courier.vault.KeyVault;
import io.courier.vault.SealingContexts;

import java.util.UUID;

/**
 * A member's key pair on its way into events: checked, then sealed by the {@link KeyVault} so that no event,
 * snapshot or read model holds it in clear. Each half is bound to its conversation, member and role: a sealed
 * value copied elsewhere no longer opens. What the halves contain is the client's business; the gateway
 * made sure they are JSON texts.
 */
final class ConversationKeys {

    private ConversationKeys() {
    }

    static void validate(KeyPair keys, ConversationLimits limits) {
        if (keys == null) {
            throw invalid("A public and a private key are required");
        }
        requireKey(keys.publicKey(), "public", limits);
        requireKey(keys.privateKey(), "private", limits);
    }

    static SealedKeyPair seal(KeyPair keys, UUID conversationId, UUID memberId, KeyVault vault) {
        return new SealedKeyPair(
                vault.seal(keys.publicKey(), SealingContexts.conversationPublicKey(conversationId, memberId)),
                vault.seal(keys.privateKey(), SealingContexts.conversationPrivateKey(conversationId, memberId)));
    }

    static boolean isSealedWithCurrentKey(SealedKeyPair sealed, KeyVault vault) {
        return vault.isSealedWithCurrentKey(sealed.sealedPublicKey())
                && vault.isSealedWithCurrentKey(sealed.sealedPrivateKey());
    }

    /** The same key pair sealed under the vault's current key; it opens the old form with the key that sealed it. */
    static SealedKeyPair reseal(SealedKeyPair sealed, UUID conversationId, UUID memberId, KeyVault vault) {
        String publicContext = SealingContexts.conversationPublicKey(conversationId, memberId);
        String privateContext = SealingContexts.conversationPrivateKey(conversationId, memberId);
        return new SealedKeyPair(
                vault.seal(vault.open(sealed.sealedPublicKey(), publicContext), publicContext),
                vault.seal(vault.open(sealed.sealedPrivateKey(), privateContext), privateContext));
    }

    private static void requireKey(String key, String which, ConversationLimits limits) {
        if (key == null || key.isBlank()) {
            throw invalid("The " + which + " key is required");
        }
        int bytes = Utf8.encodedLength(key);
        if (bytes == Utf8.NOT_STORABLE) {
            throw invalid("The " + which + " key contains characters that can't be stored");
        }
        if (bytes > limits.maxKeyBytes()) {
            throw invalid("The " + which + " key must be at most " + limits.maxKeyBytes() + " bytes");
        }
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_KEYS, message);
    }
}
