package io.courier.gateway.web.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.gateway.security.BearerCallers;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.ProblemHandling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/conversations/{id}/messages}, the hottest route, answered without the general request
 * pipeline: Spring Security's filter chain, WebFlux's handler mapping, argument resolution, bean validation and
 * result handling cost about 0.3 ms of CPU per post on a 2-core machine, more than half of what the server spends
 * on a post, in reactive operators more than in any one of them.
 * <p>
 * It answers only the plain case: a well-formed post from a client with a valid access token, no CORS origin and a
 * JSON body of declared length. Anything else goes down the general pipeline as it came (with the body it already
 * read, if any), so every refusal there (401, 400, 413, 415, 422, CORS) stays exactly as it was. What the route
 * itself answers is what the controller answers: the same command, the same JSON with the same ObjectMapper, the
 * same headers (Spring Security's header writer and CORS filter, taken from its chain, run around the answer), a
 * failed command answered by {@link ProblemHandling}, and the same path pattern in the HTTP metrics.
 * <p>
 * Spring Security's firewall does not see these requests; it has nothing to refuse in them: the path is matched
 * exactly (hexadecimal and dashes between fixed segments), and each header read here is parsed strictly.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after RequestBodyLimits, before Spring Security (-100)
class DirectPosting implements WebFilter {

    private static final String PREFIX = "/api/conversations/";
    private static final String SUFFIX = "/messages";
    private static final int UUID_LENGTH = 36;
    private static final byte[] NO_BYTES = new byte[0];
    private static final PathPattern ROUTE = PathPatternParser.defaultInstance
            .parse("/api/conversations/{conversationId}/messages");

    private final Commands commands;
    private final ObjectReader requests;
    private final ObjectMapper json;
    private final ProblemHandling problemHandling;
    private final BearerCallers callers;
    private final long maxBody;
    private final WebFilter headerWriter;
    private final WebFilter cors;

    DirectPosting(Commands commands, ObjectMapper json, ProblemHandling problemHandling, BearerCallers callers,
                  SecurityWebFilterChain securityChain,
                  @Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBody) {
        this.commands = commands;
        this.json = json;
        this.requests = json.readerFor(PostMessageRequest.class);
        this.problemHandling = problemHandling;
        this.callers = callers;
        this.maxBody = maxBody.toBytes();
        List<WebFilter> filters = securityChain.getWebFilters().collectList().block();
        this.headerWriter = only(filters, HttpHeaderWriterWebFilter.class);
        this.cors = only(filters, CorsWebFilter.class);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        UUID conversationId = request.getMethod() == HttpMethod.POST ? conversationOf(request) : null;
        if (conversationId == null || !plain(request.getHeaders())) {
            return chain.filter(exchange);
        }
        return callers.callerOf(request)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isPresent() ? post(exchange, chain, conversationId, caller.get())
                        : chain.filter(exchange));
    }

    /** Reads the body; posts it if it is well-formed, else passes the request on with it. */
    private Mono<Void> post(ServerWebExchange exchange, WebFilterChain chain, UUID conversationId, UUID caller) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) maxBody)
                .map(DirectPosting::bytes)
                .defaultIfEmpty(NO_BYTES)
                // a body that failed to arrive (a read timeout) fails the general pipeline's read the same way
                .onErrorResume(unread -> chain.filter(withBody(exchange, Flux.error(unread)))
                        .then(Mono.<byte[]>empty()))
                .flatMap(body -> {
                    PostMessageRequest post = wellFormed(body);
                    if (post == null) {
                        return chain.filter(withBody(exchange, Flux.defer(() -> Flux.just(
                                exchange.getResponse().bufferFactory().wrap(body)))));
                    }
                    return answer(exchange, new PostMessageGroup(conversationId, caller,
                            post.clientMessageId(), post.encryptedMessages()));
                });
    }

    private Mono<Void> answer(ServerWebExchange exchange, PostMessageGroup command) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setPathPattern(ROUTE.getPatternString()));
        exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
        return cors.filter(exchange, corsChecked -> headerWriter.filter(corsChecked, withHeaders ->
                commands.<PostedMessageGroup>send(command)
                        .flatMap(posted -> write(withHeaders, HttpStatus.CREATED, MediaType.APPLICATION_JSON,
                                PostedResponse.location(command.conversationId(), posted), PostedResponse.of(posted)))
                        .onErrorResume(failure -> writeProblem(withHeaders, failure))));
    }

    private Mono<Void> writeProblem(ServerWebExchange exchange, Throwable failure) {
        ResponseEntity<ProblemDetail> problem = problemHandling.answerTo(failure);
        ProblemDetail detail = problem.getBody();
        if (detail != null && detail.getInstance() == null) {
            detail.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        exchange.getResponse().getHeaders().putAll(problem.getHeaders());
        return write(exchange, problem.getStatusCode(), MediaType.APPLICATION_PROBLEM_JSON, null, detail);
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status,
                             MediaType type, URI location, Object body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (location != null) {
            headers.setLocation(location);
        }
        if (body == null) {
            return response.setComplete();
        }
        headers.setContentType(type);
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            headers.setContentLength(bytes.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
        } catch (IOException e) {
            return Mono.error(e);
        }
    }

    /** The request as the general pipeline would read it: with the body this route already took from it. */
    private static ServerWebExchange withBody(ServerWebExchange exchange, Flux<DataBuffer> body) {
        return exchange.mutate().request(new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body;
            }
        }).build();
    }

    /** The request, if it parses and meets {@link PostMessageRequest}'s constraints; null otherwise. */
    private PostMessageRequest wellFormed(byte[] body) {
        try {
            PostMessageRequest post = requests.readValue(body);
            return post != null && post.meetsConstraints() ? post : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The conversation of a path that is exactly the route's, with a conversation id in canonical form. */
    static UUID conversationOf(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (path.length() != PREFIX.length() + UUID_LENGTH + SUFFIX.length()
                || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < PREFIX.length() + UUID_LENGTH; i++) {
            char c = path.charAt(i);
            int offset = i - PREFIX.length();
            boolean dash = offset == 8 || offset == 13 || offset == 18 || offset == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return null;
            }
        }
        return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
    }

    /** No CORS, a JSON body of declared length (not chunked) within the limit, and an answer in JSON acceptable. */
    private boolean plain(HttpHeaders headers) {
        if (headers.containsKey(HttpHeaders.ORIGIN) || headers.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        long length = headers.getContentLength();
        if (length < 0 || length > maxBody) {
            return false;
        }
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !(contentType.equalsIgnoreCase("application/json")
                || contentType.equalsIgnoreCase("application/json;charset=UTF-8")
                || contentType.equalsIgnoreCase("application/json; charset=UTF-8"))) {
            return false;
        }
        String accept = headers.getFirst(HttpHeaders.ACCEPT);
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static WebFilter only(List<WebFilter> filters, Class<? extends WebFilter> type) {
        List<WebFilter> found = filters.stream().filter(type::isInstance).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Direct posting needs exactly one " + type.getSimpleName()
                    + " in the security filter chain, found " + found.size());
        }
        return found.get(0);
    }
}
