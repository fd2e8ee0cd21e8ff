package io.courier.gateway.web.conversation;

import java.util.UUID;

record StartedResponse(UUID conversationId) {
}
