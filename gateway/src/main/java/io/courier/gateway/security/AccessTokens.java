package io.courier.gateway.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.courier.gateway.config.CourierProperties;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Short-lived access tokens: HS256 JWTs with the user id as subject, valid for 30 minutes. */
@Component
public class AccessTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final String ISSUER = "courier";
    static final String KEY_PURPOSE = "access-token";

    private final SecretKey key;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    AccessTokens(CourierProperties properties, Clock clock) {
        this.key = KeyDerivation.hmacSha256Key(properties.effectiveSecretKeyBase(), KEY_PURPOSE);
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.clock = clock;
    }

    public String mint(UUID userId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .id(UUID.randomUUID().toString())
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(AccessTokenClaims.validator(ISSUER, clock));
        return decoder;
    }
}
