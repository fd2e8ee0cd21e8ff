package io.courier.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.gateway.security.BearerCallers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the routes that answer plain requests without the general request pipeline (the hottest ones, in
 * {@code web.message}) share with that pipeline's answers: Spring Security's header writer and CORS filter, taken
 * from its chain, run around the answer; bodies are written with the application's ObjectMapper; a failure is
 * answered by {@link ProblemHandling}; and the HTTP metrics count the answer under its route's path pattern. The
 * caller is the one the chain would authenticate ({@link BearerCallers}); without one, the pipeline answers.
 */
@Component
public class DirectAnswers {

    private final ObjectMapper json;
    private final ProblemHandling problemHandling;
    private final BearerCallers callers;
    private final WebFilter headerWriter;
    private final WebFilter cors;

    DirectAnswers(ObjectMapper json, ProblemHandling problemHandling, BearerCallers callers,
                  SecurityWebFilterChain securityChain) {
        this.json = json;
        this.problemHandling = problemHandling;
        this.callers = callers;
        List<WebFilter> filters = securityChain.getWebFilters().collectList().block();
        this.headerWriter = only(filters, HttpHeaderWriterWebFilter.class);
        this.cors = only(filters, CorsWebFilter.class);
    }

    /**
     * No CORS origin and an answer in JSON acceptable: a request the general pipeline would answer in JSON without
     * a CORS check or content negotiation that could differ.
     */
    public static boolean plain(HttpHeaders headers) {
        if (headers.containsKey(HttpHeaders.ORIGIN)) {
            return false;
        }
        String accept = headers.getFirst(HttpHeaders.ACCEPT);
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    /**
     * {@code answer} for the caller the request's access token proves; a request without a valid one goes on down
     * {@code chain}, whose security filters give their usual 401.
     */
    public Mono<Void> asCaller(ServerWebExchange exchange, WebFilterChain chain, Function<UUID, Mono<Void>> answer) {
        return callers.callerOf(exchange.getRequest())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isPresent() ? answer.apply(caller.get()) : chain.filter(exchange));
    }

    /** Answers with {@code answer}, given the exchange its headers go on; a failure becomes a problem. */
    public Mono<Void> answer(ServerWebExchange exchange, PathPattern route,
                             Function<ServerWebExchange, Mono<Void>> answer) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setPathPattern(route.getPatternString()));
        exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route);
        return cors.filter(exchange, corsChecked -> headerWriter.filter(corsChecked, withHeaders ->
                answer.apply(withHeaders).onErrorResume(failure -> writeProblem(withHeaders, failure))));
    }

    /** {@code body} in JSON with {@code status}, and a Location header unless {@code location} is null. */
    public Mono<Void> writeJson(ServerWebExchange exchange, HttpStatusCode status, URI location, Object body) {
        if (location != null) {
            exchange.getResponse().getHeaders().setLocation(location);
        }
        return write(exchange, status, MediaType.APPLICATION_JSON, body);
    }

    private Mono<Void> writeProblem(ServerWebExchange exchange, Throwable failure) {
        ResponseEntity<ProblemDetail> problem = problemHandling.answerTo(failure);
        ProblemDetail detail = problem.getBody();
        if (detail != null && detail.getInstance() == null) {
            detail.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        exchange.getResponse().getHeaders().putAll(problem.getHeaders());
        return write(exchange, problem.getStatusCode(), MediaType.APPLICATION_PROBLEM_JSON, detail);
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, MediaType type, Object body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        if (body == null) {
            return response.setComplete();
        }
        response.getHeaders().setContentType(type);
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.getHeaders().setContentLength(bytes.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
        } catch (IOException e) {
            return Mono.error(e);
        }
    }

    private static WebFilter only(List<WebFilter> filters, Class<? extends WebFilter> type) {
        List<WebFilter> found = filters.stream().filter(type::isInstance).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Direct answers need exactly one " + type.getSimpleName()
                    + " in the security filter chain, found " + found.size());
        }
        return found.get(0);
    }
}
