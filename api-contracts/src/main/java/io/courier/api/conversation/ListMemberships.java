package io.courier.api.conversation;

import java.util.UUID;

/** The ids of the conversations {@code userId} is a current member of. Answered with a list of UUIDs. */
public record ListMemberships(UUID userId) {
}
