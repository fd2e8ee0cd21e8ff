package io.courier.gateway.web.auth;

import java.util.UUID;

record RegisteredResponse(UUID userId) {
}
