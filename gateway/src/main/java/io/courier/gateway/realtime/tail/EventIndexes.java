package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * The global index of an event, told from the positions before and after it (Axon's tracked messages carry only
 * the position after). Either the event moved the index up, or it filled one of the gaps below it.
 */
final class EventIndexes {

    private EventIndexes() {
    }

    static long between(GapAwareTrackingToken before, GapAwareTrackingToken after) {
        if (after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        // a gap was filled; when the store also dropped gaps it had given up on (over 250 gaps, each older than
        // its gap timeout), the filled one is the newest of them
        long filled = -1;
        for (long gap : before.getGaps()) {
            if (!after.getGaps().contains(gap) && gap > filled) {
                filled = gap;
            }
        }
        return filled >= 0 ? filled : after.getIndex();
    }
}
