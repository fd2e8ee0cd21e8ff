package io.courier.gateway.realtime.transport;

import org.springframework.core.Ordered;
import org.springframework.messaging.handler.MessagingAdviceBean;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Failures thrown by real-time handlers (rejected commands, bad input, refused access) become JSON error frames
 * here instead of being logged with a stack trace by Spring's messaging layer. Failures that happen later, inside
 * a stream already answered, are mapped the same way by the transport's request interceptor.
 * <p>
 * Registered with the RSocket message handler as messaging advice for the real-time routes (Spring does not look
 * for {@code @ControllerAdvice} there by itself).
 */
@Component
class RealtimeExceptionHandling {

    static final String ROUTES = "io.courier.gateway.realtime";

    private final ErrorFrames errors;

    RealtimeExceptionHandling(ErrorFrames errors) {
        this.errors = errors;
    }

    @MessageExceptionHandler
    Mono<Void> failed(Throwable failure) {
        return Mono.error(errors.forRequest(failure));
    }

    MessagingAdviceBean asAdvice() {
        RealtimeExceptionHandling advice = this;
        return new MessagingAdviceBean() {
            @Override
            public Class<?> getBeanType() {
                return RealtimeExceptionHandling.class;
            }

            @Override
            public Object resolveBean() {
                return advice;
            }

            @Override
            public boolean isApplicableToBeanType(Class<?> handlerType) {
                return handlerType.getPackageName().startsWith(ROUTES);
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }
        };
    }
}
