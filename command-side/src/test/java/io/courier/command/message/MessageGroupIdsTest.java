package io.courier.command.message;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageGroupIdsTest {

    private static final UUID CONVERSATION = UUID.fromString("0f6a1a5e-3c55-4d7e-9b1d-2f3c4d5e6f70");
    private static final UUID SENDER = UUID.fromString("a1b2c3d4-e5f6-4711-8899-aabbccddeeff");

    @Test
    void the_same_post_always_names_the_same_group() {
        assertThat(MessageGroupIds.of(CONVERSATION, SENDER, "m-1")).isEqualTo(MessageGroupIds.of(CONVERSATION, SENDER,
                "m-1"));
    }

    @Test
    void ids_are_stored_so_their_derivation_never_changes() {
        // a retry after an upgrade must still find the group posted before it
        assertThat(MessageGroupIds.of(CONVERSATION, SENDER, "m-1"))
                .isEqualTo(UUID.fromString(PINNED));
    }

    @Test
    void each_part_of_the_name_makes_another_id() {
        Set<UUID> ids = new HashSet<>();
        ids.add(MessageGroupIds.of(CONVERSATION, SENDER, "m-1"));
        ids.add(MessageGroupIds.of(CONVERSATION, SENDER, "m-2"));
        ids.add(MessageGroupIds.of(CONVERSATION, UUID.randomUUID(), "m-1"));
        ids.add(MessageGroupIds.of(UUID.randomUUID(), SENDER, "m-1"));
        ids.add(MessageGroupIds.of(SENDER, CONVERSATION, "m-1")); // ids swapped

        assertThat(ids).hasSize(5);
    }

    @Test
    void they_are_version_8_uuids_of_the_ietf_variant() {
        for (int i = 0; i < 100; i++) {
            UUID id = MessageGroupIds.of(UUID.randomUUID(), UUID.randomUUID(), "m-" + i);
            assertThat(id.version()).isEqualTo(8);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    private static final String PINNED = "26c45c0e-63e2-88e9-a264-8a0b921cd7e1";
}
