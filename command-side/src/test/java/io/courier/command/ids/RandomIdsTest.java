package io.courier.command.ids;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdsTest {

    @Test
    void uuids_are_version_4_ietf_variant_and_parse_back() {
        UUID id = RandomIds.uuid();

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void many_threads_draw_distinct_ids() {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 100_000).parallel().forEach(i -> seen.add(RandomIds.uuid()));

        assertThat(seen).hasSize(100_000);
    }

    @Test
    void axon_names_its_messages_with_courier_ids() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(AxonMessageIds.class);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(IdentifierFactory.getInstance().generateIdentifier());
        }
        assertThat(ids).hasSize(1000).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    void time_ordered_uuids_are_version_7_and_carry_their_millisecond() {
        long millis = 1_764_000_000_123L;

        UUID id = RandomIds.timeOrderedUuid(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void time_ordered_uuids_of_later_milliseconds_sort_later_as_text() {
        String earlier = RandomIds.timeOrderedUuid(1_764_000_000_000L).toString();
        String later = RandomIds.timeOrderedUuid(1_764_000_000_001L).toString();

        // the event store indexes them as text
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void time_ordered_uuids_of_one_millisecond_are_distinct() {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 100_000).parallel().forEach(i -> seen.add(RandomIds.timeOrderedUuid(1_764_000_000_000L)));

        assertThat(seen).hasSize(100_000);
    }
}
