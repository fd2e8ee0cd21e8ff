package io.courier.gateway.web;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts a {@link BodilessErrorResponses} right after the HTTP codec of every new connection. */
@Component
class BodilessErrorResponsesInstaller implements NettyServerCustomizer {

    private static final String HANDLER_NAME = "courier.bodilessErrorResponses";

    private final Problems problems;

    BodilessErrorResponsesInstaller(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new BodilessErrorResponses(problems));
            }
        });
    }
}
