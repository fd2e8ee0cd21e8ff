package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Positions in the event store are Axon's {@link GapAwareTrackingToken}s: the highest global index seen, and the
 * lower indexes not seen yet (gaps), because transactions commit out of index order. A position stands for the
 * set of events it has seen; these are the few set operations the tail needs on them.
 */
public final class Positions {

    /** Before the first event: nothing seen. */
    public static final GapAwareTrackingToken START = GapAwareTrackingToken.newInstance(0, Set.of());

    private Positions() {
    }

    public static GapAwareTrackingToken of(TrackingToken token) {
        if (token == null) {
            return START;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalStateException("The event store gave a " + token.getClass().getSimpleName()
                + "; the real-time tail needs the JDBC store's gap-aware positions");
    }

    /** Has {@code position} seen the event at {@code index}? */
    public static boolean seen(GapAwareTrackingToken position, long index) {
        return index <= position.getIndex() && !position.getGaps().contains(index);
    }

    /** Has {@code position} seen every event {@code other} has seen? */
    public static boolean covers(GapAwareTrackingToken position, GapAwareTrackingToken other) {
        if (other.getIndex() > position.getIndex()) {
            return false;
        }
        for (long gap : position.getGaps()) {
            if (gap <= other.getIndex() && !other.getGaps().contains(gap)) {
                return false;
            }
        }
        return true;
    }

    /** The position that has seen what either has seen. */
    public static GapAwareTrackingToken union(GapAwareTrackingToken a, GapAwareTrackingToken b) {
        if (covers(a, b)) {
            return a;
        }
        if (covers(b, a)) {
            return b;
        }
        long index = Math.max(a.getIndex(), b.getIndex());
        Collection<Long> gaps = new TreeSet<>();
        for (long gap : a.getGaps()) {
            if (!seen(b, gap)) {
                gaps.add(gap);
            }
        }
        for (long gap : b.getGaps()) {
            if (!seen(a, gap)) {
                gaps.add(gap);
            }
        }
        return GapAwareTrackingToken.newInstance(index, gaps);
    }
}
