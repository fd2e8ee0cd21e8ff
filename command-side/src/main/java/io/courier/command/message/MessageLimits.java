package io.courier.command.message;

/**
 * @param maxCiphertextBytes most UTF-8 bytes of one recipient's ciphertext ({@code courier.message.max-ciphertext-bytes})
 * @param maxGroupBytes      most UTF-8 bytes of all ciphertexts of a group ({@code courier.message.max-group-bytes})
 */
public record MessageLimits(int maxCiphertextBytes, int maxGroupBytes) {

    public static final MessageLimits DEFAULT = new MessageLimits(65_536, 4_194_304);

    public MessageLimits {
        if (maxCiphertextBytes < 1 || maxGroupBytes < maxCiphertextBytes || maxGroupBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException("courier.message.max-ciphertext-bytes must be positive and at most"
                    + " courier.message.max-group-bytes, itself at most 256 MiB; got " + maxCiphertextBytes + " and "
                    + maxGroupBytes);
        }
    }
}
