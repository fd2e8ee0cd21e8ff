package io.courier.gateway.web.auth;

import java.time.Instant;

record TokenValidityResponse(boolean valid, Instant expiresAt) {
}
