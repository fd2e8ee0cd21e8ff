package io.courier.gateway.realtime.request;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The data of the request-response routes, with the same bounds as the REST bodies of the same commands. */
final class Requests {

    private Requests() {
    }

    record StartPrivate(@NotNull UUID otherUserId, @NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {
        @Override
        public String toString() {
            return "StartPrivate[otherUserId=" + otherUserId + ", keys redacted]";
        }
    }

    record StartGroup(@NotNull @Size(max = 1000) List<@NotNull UUID> userIds, @Size(max = 1000) String alias,
                      @NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {
        @Override
        public String toString() {
            return "StartGroup[userIds=" + userIds + ", alias=" + alias + ", keys redacted]";
        }
    }

    record SendMessage(@NotNull @Size(min = 1, max = 100) String clientMessageId,
                       @NotNull @Size(min = 1, max = 1000) Map<UUID, @NotNull String> encryptedMessages) {
    }

    record EditMessage(@NotNull UUID messageGroupId,
                       @NotNull @Size(min = 1, max = 1000) Map<UUID, @NotNull String> encryptedMessages) {
    }

    record DeleteMessage(@NotNull UUID messageGroupId) {
    }

    record SetKeys(@NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {
        @Override
        public String toString() {
            return "SetKeys[redacted]";
        }
    }

    /** {@code {"alias": null}} removes it; a request without the field is refused, as in REST. */
    record ChangeAlias(@NotNull(message = "alias is required (null removes it)") JsonNode alias) {
    }

    record AddMembers(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
    }
}
