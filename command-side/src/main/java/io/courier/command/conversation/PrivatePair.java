package io.courier.command.conversation;

import java.util.UUID;

/**
 * The two users of a private conversation, in one canonical order whoever starts it: {@code low} sorts
 * before {@code high} as PostgreSQL sorts UUIDs (unsigned, byte by byte), which the registry's CHECK relies on.
 */
public record PrivatePair(UUID low, UUID high) {

    public PrivatePair {
        if (compare(low, high) >= 0) {
            throw new IllegalArgumentException("A private pair is two distinct users, low first");
        }
    }

    public static PrivatePair of(UUID one, UUID other) {
        return compare(one, other) < 0 ? new PrivatePair(one, other) : new PrivatePair(other, one);
    }

    /** UUID.compareTo compares signed longs, which is not PostgreSQL's order. */
    static int compare(UUID a, UUID b) {
        int most = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return most != 0 ? most : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
