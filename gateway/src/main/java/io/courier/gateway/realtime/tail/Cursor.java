package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A position as clients see it: an opaque string. The highest global index in decimal, then each gap as its
 * distance below that index in base 36, after a dot: {@code 4711} or {@code 4711.3.a}. Distances keep it short
 * (gaps lie close below the index). Anything else a client sends is no cursor.
 */
public final class Cursor {

    /** Axon keeps at most this many gaps (its default gap offset); a longer list is no position of ours. */
    static final int MAX_GAPS = 10_000;
    private static final int MAX_LENGTH = 20 + MAX_GAPS * 5;

    private Cursor() {
    }

    public static String encode(GapAwareTrackingToken position) {
        if (position.getGaps().isEmpty()) {
            return Long.toString(position.getIndex());
        }
        StringBuilder text = new StringBuilder(Long.toString(position.getIndex()));
        for (long gap : position.getGaps()) {
            text.append('.').append(Long.toString(position.getIndex() - gap, 36));
        }
        return text.toString();
    }

    public static Optional<GapAwareTrackingToken> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length - 1 > MAX_GAPS) {
            return Optional.empty();
        }
        try {
            if (!parts[0].matches("\\d{1,18}")) {
                return Optional.empty();
            }
            long index = Long.parseLong(parts[0]);
            List<Long> gaps = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].matches("[0-9a-z]{1,12}")) {
                    return Optional.empty();
                }
                long distance = Long.parseLong(parts[i], 36);
                if (distance < 1 || distance > index) {
                    return Optional.empty();
                }
                gaps.add(index - distance);
            }
            return Optional.of(GapAwareTrackingToken.newInstance(index, gaps));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
