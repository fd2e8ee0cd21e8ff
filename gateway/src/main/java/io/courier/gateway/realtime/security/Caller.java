package io.courier.gateway.realtime.security;

import io.courier.gateway.security.AccessTokens;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.UUID;

/**
 * Who sent a request, as its access token says: the user, the session (refresh-token family) the token was
 * issued for (null for tokens minted before sessions were named), and the token's lifetime, which bounds
 * every stream opened with it.
 */
public record Caller(UUID userId, UUID sessionId, Instant issuedAt, Instant expiresAt) {

    public static Caller of(Jwt token) {
        String session = token.getClaimAsString(AccessTokens.SESSION_CLAIM);
        return new Caller(UUID.fromString(token.getSubject()), session == null ? null : parse(session),
                token.getIssuedAt(), token.getExpiresAt());
    }

    private static UUID parse(String session) {
        try {
            return UUID.fromString(session);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
