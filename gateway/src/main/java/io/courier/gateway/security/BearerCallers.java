package io.courier.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The caller a request's {@code Authorization: Bearer} header proves, read with the same parser and decoder as
 * the security chain's resource server, for routes that answer without that chain ({@code web.message}'s direct
 * posting and history pages, through {@code web.DirectAnswers}). Empty whenever the chain would not authenticate the request as it stands: no header, another scheme,
 * a malformed or invalid token. Such a request is left to the chain, which gives its usual 401.
 */
@Component
public class BearerCallers {

    private final ReactiveJwtDecoder decoder;

    BearerCallers(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    public Mono<UUID> callerOf(ServerHttpRequest request) {
        List<String> authorizations = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorizations == null || authorizations.size() != 1 || !BearerTokens.isBearer(authorizations.get(0))) {
            return Mono.empty();
        }
        String token = BearerTokens.token(authorizations.get(0));
        if (token == null) {
            return Mono.empty();
        }
        return decoder.decode(token)
                .map(jwt -> UUID.fromString(jwt.getSubject()))
                .onErrorResume(invalid -> Mono.empty());
    }
}
