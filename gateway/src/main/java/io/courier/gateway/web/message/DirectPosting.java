package io.courier.gateway.web.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.gateway.web.Commands;
import io.courier.gateway.web.DirectAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
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
 * itself answers is what the controller answers: the same command, answered as {@link DirectAnswers} answers (the
 * same JSON, headers, problems and metrics).
 * <p>
 * Spring Security's firewall does not see these requests; it has nothing to refuse in them: the path is matched
 * exactly (hexadecimal and dashes between fixed segments), and each header read here is parsed strictly.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after RequestBodyLimits, before Spring Security (-100)
class DirectPosting implements WebFilter {

    private static final byte[] NO_BYTES = new byte[0];

    private final Commands commands;
    private final ObjectReader requests;
    private final DirectAnswers answers;
    private final long maxBody;

    DirectPosting(Commands commands, ObjectMapper json, DirectAnswers answers,
                  @Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBody) {
        this.commands = commands;
        this.requests = json.readerFor(PostMessageRequest.class);
        this.answers = answers;
        this.maxBody = maxBody.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        UUID conversationId = request.getMethod() == HttpMethod.POST ? MessagesPath.conversationOf(request) : null;
        if (conversationId == null || !plain(request.getHeaders())) {
            return chain.filter(exchange);
        }
        return answers.asCaller(exchange, chain, caller -> post(exchange, chain, conversationId, caller));
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
        return answers.answer(exchange, MessagesPath.ROUTE, withHeaders -> commands.<PostedMessageGroup>send(command)
                .flatMap(posted -> answers.writeJson(withHeaders, HttpStatus.CREATED,
                        PostedResponse.location(command.conversationId(), posted), PostedResponse.of(posted))));
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

    /** No CORS, a JSON body of declared length (not chunked) within the limit, and an answer in JSON acceptable. */
    private boolean plain(HttpHeaders headers) {
        if (!DirectAnswers.plain(headers) || headers.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        long length = headers.getContentLength();
        if (length < 0 || length > maxBody) {
            return false;
        }
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        return contentType != null && (contentType.equalsIgnoreCase("application/json")
                || contentType.equalsIgnoreCase("application/json;charset=UTF-8")
                || contentType.equalsIgnoreCase("application/json; charset=UTF-8"));
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
}
