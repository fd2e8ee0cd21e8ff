package io.courier.gateway.web.auth;

import io.courier.api.account.IssuedRefreshToken;
import io.courier.gateway.security.AccessTokens;

import java.time.Instant;

/** OAuth-style token pair; {@code expiresIn} is the access token's lifetime in seconds. */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                     Instant refreshTokenExpiresAt) {

    static TokenResponse of(String accessToken, IssuedRefreshToken refresh) {
        return new TokenResponse(accessToken, "Bearer", AccessTokens.LIFETIME.toSeconds(),
                refresh.token().encoded(), refresh.expiresAt());
    }
}
