package io.courier.gateway.realtime.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps the slow-client timeouts ({@code HTTP_READ_TIMEOUT}, {@code HTTP_REQUEST_TIMEOUT}) off WebSocket
 * connections. Reactor Netty arms both when a request's headers arrive and disarms them when its last content
 * arrives; but the {@code /rsocket} upgrade is answered while its headers are being handled, and from then on
 * the connection's messages go to the WebSocket, so the request's empty end never disarmed them: an idle
 * connection was cut 15 s after the client's last frame (a 20 s keepalive could not prevent it), and every
 * connection after 60 s.
 * <p>
 * A WebSocket upgrade request without a body is therefore handed on as one complete request, headers and
 * end together, which Reactor Netty reads without arming either timeout (there is no body to wait for). Any
 * other request, and an upgrade request with a body, passes unchanged. The RSocket keepalive watches the
 * connection from then on.
 */
@Component
class WebSocketUpgradeTimeouts implements NettyServerCustomizer {

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnConnection(connection ->
                connection.addHandlerLast("courier.webSocketUpgradeRequest", new UpgradeRequestJoiner()));
    }

    /** Joins a bodiless WebSocket upgrade request with its empty last content. One per connection. */
    static final class UpgradeRequestJoiner extends ChannelInboundHandlerAdapter {

        private HttpRequest held;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (held != null) {
                HttpRequest request = held;
                held = null;
                if (msg instanceof LastHttpContent last && !last.content().isReadable()) {
                    DefaultFullHttpRequest whole = new DefaultFullHttpRequest(request.protocolVersion(),
                            request.method(), request.uri(), Unpooled.EMPTY_BUFFER, request.headers(),
                            last.trailingHeaders());
                    ReferenceCountUtil.release(last);
                    ctx.fireChannelRead(whole);
                    return;
                }
                ctx.fireChannelRead(request);
            } else if (msg.getClass() == DefaultHttpRequest.class && isWebSocketUpgrade((HttpRequest) msg)) {
                // the decoder hands on the request's end in the same read, so nothing waits on the client here
                held = (HttpRequest) msg;
                return;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            held = null;
            super.channelInactive(ctx);
        }

        private static boolean isWebSocketUpgrade(HttpRequest request) {
            return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        }
    }
}
