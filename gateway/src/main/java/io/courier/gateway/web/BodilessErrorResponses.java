package io.courier.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Some requests are answered before Spring sees them, with an empty body: Reactor Netty refuses a
 * request line or headers beyond its limits (414, 431) and requests it cannot parse (400), and
 * Spring's adapter refuses a path that is no valid URI ({@code /api/%}, 400). This handler, between
 * Netty's HTTP codec and Reactor Netty, gives such empty error responses a problem+json body, so
 * every error a client sees has the same shape. Responses that have a body are left alone.
 * <p>
 * One instance per connection: it remembers the methods of requests awaiting an answer (HTTP/1.1
 * answers in order), since the answer to a HEAD request must stay without a body.
 */
final class BodilessErrorResponses extends ChannelDuplexHandler {

    private final Problems problems;
    private final Queue<HttpMethod> awaitingAnswer = new ArrayDeque<>();

    BodilessErrorResponses(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            awaitingAnswer.add(request.method());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            HttpMethod method = awaitingAnswer.poll();
            if (msg instanceof FullHttpResponse full && isBodilessError(full) && !HttpMethod.HEAD.equals(method)) {
                msg = withProblem(full);
            }
        }
        super.write(ctx, msg, promise);
    }

    private static boolean isBodilessError(FullHttpResponse response) {
        return response.status().code() >= 400
                && !response.content().isReadable()
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    private FullHttpResponse withProblem(FullHttpResponse response) throws Exception {
        HttpStatusCode status = HttpStatusCode.valueOf(response.status().code());
        ProblemDetail problem = Problems.of(status, Problems.codeFor(status), detailFor(status));
        byte[] body = problems.toJson(problem);
        FullHttpResponse replaced = response.replace(Unpooled.wrappedBuffer(body));
        replaced.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.release();
        return replaced;
    }

    private static String detailFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request could not be parsed";
            case 414 -> "The request line is too long";
            case 431 -> "The request headers are too large";
            default -> Problems.reasonFor(status);
        };
    }
}
