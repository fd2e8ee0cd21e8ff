package io.courier.command.ids;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Cryptographically random ids and secrets without a shared lock. {@code UUID.randomUUID()} and a
 * shared {@code new SecureRandom()} serialise every caller on one generator (on Linux, NativePRNG mixes
 * through a single synchronised SHA1PRNG); a token rotation draws half a dozen ids, so under load the
 * threads queued there. Each thread gets its own DRBG instead, seeded from the operating system.
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> GENERATOR = ThreadLocal.withInitial(RandomIds::newGenerator);

    private RandomIds() {
    }

    /** A version 4 (random) UUID. */
    public static UUID uuid() {
        byte[] bytes = bytes(16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    /**
     * A version 7 UUID (RFC 9562): the current Unix time in milliseconds, then 74 random bits. Ids drawn one after
     * another sort (as UUIDs and as their text) in about the order they were drawn, so an index over them grows at
     * its end instead of at random pages; they tell when they were made, so they are for what is not secret.
     */
    public static UUID timeOrderedUuid(long epochMillis) {
        ByteBuffer random = ByteBuffer.wrap(bytes(10));
        long most = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000 | (random.getShort() & 0x0fff);
        long least = (random.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(most, least);
    }

    public static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        GENERATOR.get().nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is required of every JDK since 9", e);
        }
    }
}
