package io.courier.gateway.abuse;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/** Gives the Reactor Netty server the {@link HttpTimeouts}; Boot applies every such customizer at start-up. */
@Component
class SlowClientTimeouts implements NettyServerCustomizer {

    private final HttpTimeouts timeouts;

    SlowClientTimeouts(HttpTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.idleTimeout(timeouts.idleTimeout())
                .readTimeout(timeouts.readTimeout())
                .requestTimeout(timeouts.requestTimeout());
    }
}
