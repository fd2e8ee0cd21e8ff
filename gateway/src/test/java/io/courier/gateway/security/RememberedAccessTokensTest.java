package io.courier.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberedAccessTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-11-26T12:00:00Z");

    private final SecretKey key = KeyDerivation.hmacSha256Key("a test secret key base, long enough", "access-token");
    private final MovableClock clock = new MovableClock(ISSUED);
    private final OAuth2TokenValidator<Jwt> claims = AccessTokenClaims.validator("courier", clock);
    private final AtomicInteger fullDecodes = new AtomicInteger();
    private final RememberedAccessTokens tokens = new RememberedAccessTokens(token -> {
        fullDecodes.incrementAndGet();
        return verifying().decode(token);
    }, claims, 100);

    @Test
    void a_token_used_again_is_not_verified_again() throws JOSEException {
        String token = signed(key, UUID.randomUUID());

        Jwt first = tokens.decode(token).block();
        Jwt second = tokens.decode(token).block();

        assertThat(second).isSameAs(first);
        assertThat(fullDecodes).hasValue(1);
    }

    @Test
    void a_remembered_token_that_has_expired_is_refused() throws JOSEException {
        String token = signed(key, UUID.randomUUID());
        tokens.decode(token).block();

        clock.set(ISSUED.plus(AccessTokens.LIFETIME).plus(Duration.ofMinutes(2)));

        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void a_token_that_failed_is_not_remembered() throws JOSEException {
        String forged = signed(KeyDerivation.hmacSha256Key("someone else's secret key base", "access-token"),
                UUID.randomUUID());

        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThat(fullDecodes).hasValue(2);
    }

    private NimbusReactiveJwtDecoder verifying() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(claims);
        return decoder;
    }

    private static String signed(SecretKey with, UUID userId) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("courier").subject(userId.toString()).issueTime(Date.from(ISSUED))
                .expirationTime(Date.from(ISSUED.plus(AccessTokens.LIFETIME))).build());
        jwt.sign(new MACSigner(with));
        return jwt.serialize();
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
