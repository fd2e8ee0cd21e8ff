package io.courier.api.message;

import java.time.Instant;
import java.util.UUID;

public record PostedMessageGroup(UUID messageGroupId, Instant sentAt) {
}
