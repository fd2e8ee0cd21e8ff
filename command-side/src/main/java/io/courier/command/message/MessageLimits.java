package io.courier.command.message;

/**
 * @param maxCiphertextBytes most UTF-8 bytes of one recipient's ciphertext ({@code courier.message.max-ciphertext-bytes},
 *                           {@code MESSAGE_MAX_CIPHERTEXT_BYTES})
 * @param maxGroupBytes      most UTF-8 bytes of all ciphertexts of a group ({@code courier.message.max-group-bytes},
 *                           {@code MESSAGE_MAX_GROUP_BYTES})
 */
public record MessageLimits(int maxCiphertextBytes, int maxGroupBytes) {

    public static final MessageLimits DEFAULT = new MessageLimits(65_536, 4_194_304);

    public MessageLimits {
        if (maxCiphertextBytes < 1 || maxGroupBytes < maxCiphertextBytes || maxGroupBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException("MESSAGE_MAX_CIPHERTEXT_BYTES must be positive and at most"
                    + " MESSAGE_MAX_GROUP_BYTES, itself at most 268435456 (256 MiB); got " + maxCiphertextBytes
                    + " and " + maxGroupBytes);
        }
    }
}
