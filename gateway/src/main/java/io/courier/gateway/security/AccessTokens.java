package io.courier.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.courier.command.ids.RandomIds;
import io.courier.gateway.config.CourierProperties;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Short-lived access tokens: HS256 JWTs with the user id as subject, valid for 30 minutes. The {@code sid} claim
 * names the session (the refresh-token family) the token was issued for, so that revoking one session can end
 * exactly that session's real-time streams.
 */
@Component
public class AccessTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** The session (refresh-token family) a token belongs to; absent from tokens minted before it existed. */
    public static final String SESSION_CLAIM = "sid";
    static final String ISSUER = "courier";
    static final String KEY_PURPOSE = "access-token";

    private static final JWSHeader HEADER = new JWSHeader(JWSAlgorithm.HS256);
    // about 2 KiB each: the tokens of the last 20,000 active sessions cost some 40 MiB
    private static final long REMEMBERED_TOKENS = 20_000;

    private final SecretKey key;
    private final JWSSigner signer;
    private final Clock clock;

    AccessTokens(CourierProperties properties, Clock clock) {
        this.key = KeyDerivation.hmacSha256Key(properties.effectiveSecretKeyBase(), KEY_PURPOSE);
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException keyTooShort) {
            throw new IllegalStateException("HKDF yields 256-bit keys", keyTooShort);
        }
        this.clock = clock;
    }

    /** A token of the session {@code sessionId} (the refresh-token family), valid for {@link #LIFETIME}. */
    public String mint(UUID userId, UUID sessionId) {
        return mint(userId, sessionId, LIFETIME);
    }

    /**
     * Signs with one reusable Nimbus signer: every login and refresh mints a token, and Spring's
     * NimbusJwtEncoder selects a key from a JWK source and builds a signer anew each time. Other lifetimes
     * than {@link #LIFETIME} are for tests of expiry.
     */
    public String mint(UUID userId, UUID sessionId, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(RandomIds.uuid().toString());
        if (sessionId != null) {
            claims.claim(SESSION_CLAIM, sessionId.toString());
        }
        SignedJWT token = new SignedJWT(HEADER, claims.build());
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return token.serialize();
    }

    ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // Spring's default claim converter turns "iss" into a URL; "courier" is none, so every request
        // paid for a failed conversion (an exception with a filled stack trace, ~6% of a post's CPU).
        // Keeping it a string is all the issuer check needs.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, AccessTokens::issuerAsString)));
        OAuth2TokenValidator<Jwt> claims = AccessTokenClaims.validator(ISSUER, clock);
        decoder.setJwtValidator(claims);
        return new RememberedAccessTokens(decoder, claims, REMEMBERED_TOKENS);
    }

    private static Object issuerAsString(Object issuer) {
        return issuer == null ? null : issuer.toString();
    }
}
