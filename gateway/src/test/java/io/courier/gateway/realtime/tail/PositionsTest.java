package io.courier.gateway.realtime.tail;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions are sets of seen events: gaps are events below the index not seen yet. */
class PositionsTest {

    private static GapAwareTrackingToken at(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, List.of(gaps));
    }

    @Test
    void an_event_in_a_gap_is_not_seen_yet() {
        GapAwareTrackingToken position = at(10, 7L);
        assertThat(Positions.seen(position, 6)).isTrue();
        assertThat(Positions.seen(position, 7)).isFalse();
        assertThat(Positions.seen(position, 10)).isTrue();
        assertThat(Positions.seen(position, 11)).isFalse();
    }

    @Test
    void a_position_covers_another_only_when_it_saw_everything_the_other_saw() {
        assertThat(Positions.covers(at(10), at(8, 5L))).isTrue();
        assertThat(Positions.covers(at(10, 5L), at(8))).isFalse();
        assertThat(Positions.covers(at(10, 5L), at(8, 5L))).isTrue();
        assertThat(Positions.covers(at(8), at(10))).isFalse();
    }

    @Test
    void the_union_has_seen_what_either_has_seen_and_nothing_else() {
        GapAwareTrackingToken union = Positions.union(at(10, 4L, 7L), at(12, 7L, 11L));
        assertThat(union.getIndex()).isEqualTo(12);
        assertThat(union.getGaps()).containsExactly(7L, 11L);
        assertThat(Positions.union(at(10), at(8, 3L))).isEqualTo(at(10));
    }

    @Test
    void cursors_round_trip_and_anything_else_is_no_cursor() {
        for (GapAwareTrackingToken position : List.of(at(0), at(4711), at(4711, 4708L, 4701L), at(1_000_000_000L, 1L))) {
            assertThat(Cursor.decode(Cursor.encode(position))).contains(position);
        }
        assertThat(Cursor.encode(at(4711, 4708L, 4701L))).isEqualTo("4711.a.3");
        for (String bad : new String[] {"", "-1", "x", "12.", "12.0", "12.zzzzzzzzzzzzz", "5.6", "1e3", " 12", "12..3"}) {
            assertThat(Cursor.decode(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void an_events_index_is_told_from_the_positions_around_it() {
        assertThat(EventIndexes.between(at(10), at(11))).isEqualTo(11);
        assertThat(EventIndexes.between(at(10), at(14, 12L, 13L))).isEqualTo(14);
        assertThat(EventIndexes.between(at(14, 12L, 13L), at(14, 12L))).isEqualTo(13);
        assertThat(Set.of(EventIndexes.between(at(14, 12L), at(14)))).containsExactly(12L);
    }
}
