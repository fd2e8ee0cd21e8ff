package io.courier.gateway.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What an access token must claim to be accepted, beyond a valid signature: our issuer, an expiry
 * (Spring's timestamp check skips a missing {@code exp}, which would make a token valid forever), an
 * issue time that is not in the future, and a user id as subject. Anything else is a 401.
 */
final class AccessTokenClaims {

    // tolerated difference between clocks, as Spring's own timestamp validator does
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private AccessTokenClaims() {
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, Clock clock) {
        JwtTimestampValidator notExpired = new JwtTimestampValidator(CLOCK_SKEW);
        notExpired.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(
                require(jwt -> jwt.getExpiresAt() != null, "The token has no expiry"),
                require(jwt -> jwt.getIssuedAt() != null
                        && !jwt.getIssuedAt().isAfter(clock.instant().plus(CLOCK_SKEW)), "The token has no valid issue time"),
                notExpired,
                new JwtIssuerValidator(issuer),
                require(jwt -> isUuid(jwt.getSubject()), "The token's subject is not a user id"));
    }

    private static OAuth2TokenValidator<Jwt> require(Predicate<Jwt> check, String description) {
        OAuth2TokenValidatorResult failure = OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
        return jwt -> check.test(jwt) ? OAuth2TokenValidatorResult.success() : failure;
    }

    private static boolean isUuid(String subject) {
        if (subject == null) {
            return false;
        }
        try {
            // UUID.fromString accepts shortened forms such as "1-1-1-1-1"; only the canonical one is ours
            return UUID.fromString(subject).toString().equals(subject);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
