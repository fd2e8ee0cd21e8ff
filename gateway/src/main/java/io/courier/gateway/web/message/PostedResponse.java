package io.courier.gateway.web.message;

import java.time.Instant;
import java.util.UUID;

record PostedResponse(UUID messageGroupId, Instant sentAt) {
}
