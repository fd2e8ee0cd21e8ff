package io.courier.gateway.security;

import io.courier.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses paths that could be read differently by different components
 * ({@code ;} parameters, encoded {@code /}, {@code %00}, {@code ..}, {@code //}); Spring Security
 * picks this bean up to answer them as a 400 problem rather than an empty 400.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

    private final Problems problems;

    FirewallRejections(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejection) {
        return problems.write(exchange, HttpStatus.BAD_REQUEST, Problems.codeFor(HttpStatus.BAD_REQUEST),
                "The request path is not allowed");
    }
}
