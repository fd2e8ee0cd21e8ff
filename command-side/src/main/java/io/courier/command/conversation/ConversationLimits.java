package io.courier.command.conversation;

/**
 * @param maxMembers  most members a group may have, its creator included ({@code courier.conversation.max-members},
 *                    {@code CONVERSATION_MAX_MEMBERS})
 * @param maxKeyBytes most UTF-8 bytes of each half of a member's key pair ({@code courier.conversation.max-key-bytes},
 *                    {@code CONVERSATION_MAX_KEY_BYTES})
 */
public record ConversationLimits(int maxMembers, int maxKeyBytes) {

    public static final ConversationLimits DEFAULT = new ConversationLimits(256, 16_384);

    public ConversationLimits {
        if (maxMembers < 2 || maxMembers > 100_000) {
            throw new IllegalArgumentException("CONVERSATION_MAX_MEMBERS must be between 2 and 100000, got "
                    + maxMembers);
        }
        if (maxKeyBytes < 256 || maxKeyBytes > 1_048_576) {
            throw new IllegalArgumentException("CONVERSATION_MAX_KEY_BYTES must be between 256 and 1048576, got "
                    + maxKeyBytes);
        }
    }
}
