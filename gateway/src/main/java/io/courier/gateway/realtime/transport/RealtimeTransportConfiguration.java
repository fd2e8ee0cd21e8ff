package io.courier.gateway.realtime.transport;

import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.plugins.RSocketInterceptor;
import io.rsocket.plugins.SocketAcceptorInterceptor;
import io.rsocket.util.RSocketProxy;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.rsocket.RSocketMessageHandlerCustomizer;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.messaging.handler.invocation.reactive.AuthenticationPrincipalArgumentResolver;
import org.springframework.security.rsocket.core.SecuritySocketAcceptorInterceptor;
import org.springframework.validation.Validator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RSocket transport: Boot's RSocket server on the WebFlux port at {@code /rsocket} (WebSocket), and the same
 * responder on TCP when {@code RSOCKET_PORT} is set ({@link TcpRSocketServer}). Both get the same interceptors,
 * in this order from the inside out:
 * <ol>
 *     <li>{@link Connections}: sees the connection after Spring Security signed it in;</li>
 *     <li>Spring Security's payload interceptors;</li>
 *     <li>setup errors as JSON error frames.</li>
 * </ol>
 * Every request, stream and fire-and-forget answers its errors as the JSON error frames of
 * {@link ErrorFrames}. Boot's own RSocket security auto-configuration is switched off (application.yml): it
 * would install Spring Security's interceptor a second time, outside ours.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeTransportConfiguration {

    static final int MAX_INBOUND_PAYLOAD = 16 * 1024 * 1024;

    @Bean
    RSocketServerCustomizer realtimeRSocketServer(Connections connections, SecuritySocketAcceptorInterceptor security,
                                                  ErrorFrames errors) {
        return server -> server
                // reassembled fragments are bounded too; RSocket wants at least its 16 MiB frame length
                .maxInboundPayloadSize(MAX_INBOUND_PAYLOAD)
                .interceptors(registry -> registry
                        .forSocketAcceptor(connections)
                        .forSocketAcceptor(security)
                        .forSocketAcceptor(setupErrors(errors))
                        .forResponder(requestErrors(errors)));
    }

    /**
     * {@code @AuthenticationPrincipal} in handlers, bean validation of {@code @Valid} payloads, and handler
     * failures as JSON error frames.
     */
    @Bean
    RSocketMessageHandlerCustomizer realtimeMessageHandler(@Qualifier("defaultValidator") Validator validator,
                                                           RealtimeExceptionHandling exceptionHandling) {
        return handler -> {
            handler.registerMessagingAdvice(exceptionHandling.asAdvice());
            handler.getArgumentResolverConfigurer().addCustomResolver(new AuthenticationPrincipalArgumentResolver());
            handler.setValidator(validator);
        };
    }

    private static SocketAcceptorInterceptor setupErrors(ErrorFrames errors) {
        return acceptor -> (setup, sendingSocket) -> acceptor.accept(setup, sendingSocket)
                .onErrorMap(errors::forSetup);
    }

    private static RSocketInterceptor requestErrors(ErrorFrames errors) {
        return responder -> new RSocketProxy(responder) {
            @Override
            public Mono<Void> fireAndForget(Payload payload) {
                return super.fireAndForget(payload).onErrorMap(errors::forRequest);
            }

            @Override
            public Mono<Payload> requestResponse(Payload payload) {
                return super.requestResponse(payload).onErrorMap(errors::forRequest);
            }

            @Override
            public Flux<Payload> requestStream(Payload payload) {
                return super.requestStream(payload).onErrorMap(errors::forRequest);
            }

            @Override
            public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
                return super.requestChannel(payloads).onErrorMap(errors::forRequest);
            }
        };
    }
}
