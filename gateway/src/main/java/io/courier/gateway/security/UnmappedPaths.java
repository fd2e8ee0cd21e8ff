package io.courier.gateway.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Matches requests whose path no controller or actuator endpoint maps (any method). Security lets
 * them through to the framework's 404 rather than answering 401, which would suggest something is
 * there. A mapped path keeps its rules, whatever the method: without a token, DELETE /api/me is a 401.
 * <p>
 * Paths are matched exactly as the handler mappings match them, so no request can reach a handler
 * through this rule. Functional routes (RouterFunction) are not looked at: there are none.
 */
final class UnmappedPaths implements ServerWebExchangeMatcher {

    private final ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings;
    private volatile List<PathPattern> mappedPatterns;

    UnmappedPaths(ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
        this.handlerMappings = handlerMappings;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        boolean mapped = mappedPatterns().stream().anyMatch(pattern -> pattern.matches(path));
        return mapped ? MatchResult.notMatch() : MatchResult.match();
    }

    private List<PathPattern> mappedPatterns() {
        // read once, on the first request: by then every handler mapping has registered its routes
        List<PathPattern> patterns = mappedPatterns;
        if (patterns == null) {
            patterns = handlerMappings.orderedStream()
                    .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                    .flatMap(info -> info.getPatternsCondition().getPatterns().stream())
                    .distinct()
                    .toList();
            mappedPatterns = patterns;
        }
        return patterns;
    }
}
