package io.courier.gateway.web.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** At most 1,000 ids are even read; the configured member limit (256 by default) is the command side's. */
record StartGroupRequest(@NotNull @Size(max = 1000) List<@NotNull UUID> userIds,
                         @Size(max = 1000) String alias,
                         @NotNull JsonNode publicKey, @NotNull JsonNode privateKey) {

    @Override
    public String toString() {
        return "StartGroupRequest[userIds=" + userIds + ", alias=" + alias + ", keys redacted]";
    }
}
