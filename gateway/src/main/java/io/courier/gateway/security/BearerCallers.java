package io.courier.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * The caller a request's {@code Authorization: Bearer} header proves, read with the same parser and decoder as
 * the security chain's resource server, for routes that answer without that chain ({@code web.message}'s direct
 * posting). Empty whenever the chain would not authenticate the request as it stands: no header, another scheme,
 * a malformed or invalid token. Such a request is left to the chain, which gives its usual 401.
 */
@Component
public class BearerCallers {

    private final ReactiveJwtDecoder decoder;

    BearerCallers(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    public Mono<UUID> callerOf(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || request.getHeaders().get(HttpHeaders.AUTHORIZATION).size() != 1) {
            return Mono.empty();
        }
        String token = BearerTokens.token(authorization);
        if (token == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
            return Mono.empty();
        }
        return decoder.decode(token)
                .map(jwt -> UUID.fromString(jwt.getSubject()))
                .onErrorResume(invalid -> Mono.empty());
    }
}
