package io.courier.gateway.web.conversation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

record AddMembersRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> userIds) {
}
