package io.courier.vault;

import java.util.UUID;

/** The context each kind of sealed value is bound to; sealer and opener must agree, so they share these. */
public final class SealingContexts {

    private SealingContexts() {
    }

    public static String conversationPublicKey(UUID conversationId, UUID userId) {
        return "conversation/" + conversationId + "/member/" + userId + "/public-key";
    }

    public static String conversationPrivateKey(UUID conversationId, UUID userId) {
        return "conversation/" + conversationId + "/member/" + userId + "/private-key";
    }
}
