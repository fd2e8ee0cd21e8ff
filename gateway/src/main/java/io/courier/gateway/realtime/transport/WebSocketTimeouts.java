package io.courier.gateway.realtime.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerState;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's slow-client timeouts (HTTP_READ_TIMEOUT, HTTP_REQUEST_TIMEOUT) are for requests; Reactor Netty
 * keeps them armed on a connection upgraded to a WebSocket, so a real-time client that only listens was cut off
 * after 15 s. For the upgrade request to {@code /rsocket} both are disarmed as it arrives; the socket then lives as
 * long as RSocket's keepalive says, and a connection that sends nothing at all (not even keepalives) for
 * {@link #SILENCE} is closed.
 * <p>
 * The request timeout is a task Reactor Netty schedules and keeps in a package-private field; it is cancelled
 * through reflection, and a test (RealtimeConnectionTest) fails should that ever stop working.
 */
@Component
class WebSocketTimeouts implements NettyServerCustomizer {

    static final Duration SILENCE = Duration.ofMinutes(3);
    private static final Logger log = LoggerFactory.getLogger(WebSocketTimeouts.class);

    private final String path;
    private final Field requestTimeout;

    WebSocketTimeouts(@Value("${spring.rsocket.server.mapping-path:/rsocket}") String path) {
        this.path = path;
        this.requestTimeout = requestTimeoutField();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.childObserve((connection, state) -> {
            if (state == HttpServerState.REQUEST_RECEIVED && connection instanceof HttpServerRequest request
                    && isRSocketUpgrade(request)) {
                disarm(connection);
            }
        });
    }

    private boolean isRSocketUpgrade(HttpServerRequest request) {
        return request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && path.equals(request.fullPath());
    }

    private void disarm(Connection connection) {
        if (connection.channel().pipeline().get(NettyPipeline.ReadTimeoutHandler) != null) {
            connection.channel().pipeline().replace(NettyPipeline.ReadTimeoutHandler, NettyPipeline.ReadTimeoutHandler,
                    new ReadTimeoutHandler(SILENCE.toSeconds(), TimeUnit.SECONDS));
        }
        if (requestTimeout != null) {
            try {
                if (requestTimeout.get(connection) instanceof Future<?> scheduled) {
                    scheduled.cancel(false);
                }
            } catch (IllegalAccessException | RuntimeException unavailable) {
                log.warn("Could not disarm the request timeout of a WebSocket upgrade: {}", unavailable.toString());
            }
        }
    }

    private static Field requestTimeoutField() {
        try {
            Field field = Class.forName("reactor.netty.http.server.HttpServerOperations")
                    .getDeclaredField("requestTimeoutFuture");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            log.warn("Reactor Netty changed: WebSocket connections may be cut off by HTTP_REQUEST_TIMEOUT ({})",
                    unavailable.toString());
            return null;
        }
    }
}
