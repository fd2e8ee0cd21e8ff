package io.courier.gateway.abuse;

import io.courier.gateway.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * Message groups may carry megabytes of ciphertext; nothing else needs more than a few kilobytes. The
 * JSON decoder's limit ({@code spring.codec.max-in-memory-size}) has to admit the largest group, so
 * every other route is held to {@code courier.http.max-body} here, by its declared length, before a byte
 * of the body is read or any authentication work is done. A body sent without a length (chunked)
 * still meets the decoder's limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimits implements WebFilter {

    private static final Pattern MESSAGE_ROUTES = Pattern.compile("^/api/conversations/[^/]+/messages(/[^/]+)?$");

    private final long maxBody;
    private final long maxMessageBody;
    private final Problems problems;

    RequestBodyLimits(@Value("${courier.http.max-body:64KB}") DataSize maxBody,
                      @Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxMessageBody, Problems problems) {
        this.maxBody = maxBody.toBytes();
        this.maxMessageBody = maxMessageBody.toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBody && length > limitFor(exchange)) {
            exchange.getResponse().getHeaders().setConnection("close");
            return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                    "The request body is larger than this route accepts (" + limitFor(exchange) + " bytes)");
        }
        return chain.filter(exchange);
    }

    private long limitFor(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean carriesCiphertexts = (method == HttpMethod.POST || method == HttpMethod.PUT)
                && MESSAGE_ROUTES.matcher(exchange.getRequest().getPath().value()).matches();
        return carriesCiphertexts ? maxMessageBody : maxBody;
    }
}
