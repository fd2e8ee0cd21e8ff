package io.courier.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A client sends the same access token with every request for up to 30 minutes; verifying its signature and
 * parsing its claims each time was about 4% of the CPU of posting a message. A token string that verified once
 * verifies again, so its parsed form is remembered (bounded, in memory, per node). What depends on time is not:
 * the claim checks (expiry first of all) run on every use, and a token that fails them goes through the full
 * decoder, which rejects it with the usual error.
 */
final class RememberedAccessTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified;

    RememberedAccessTokens(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> claims, long maximumSize) {
        this.decoder = decoder;
        this.claims = claims;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(AccessTokens.LIFETIME)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered != null && !claims.validate(remembered).hasErrors()) {
            return Mono.just(remembered);
        }
        return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
