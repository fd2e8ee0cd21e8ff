package io.courier.gateway.realtime.transport;

import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import reactor.core.publisher.Mono;

/**
 * Failures thrown by real-time handlers (rejected commands, bad input, refused access) become JSON error frames
 * here instead of being logged with a stack trace by Spring's messaging layer. Failures that happen later, inside
 * a stream already answered, are mapped the same way by the transport's request interceptor.
 */
@ControllerAdvice(basePackages = "io.courier.gateway.realtime")
class RealtimeExceptionHandling {

    private final ErrorFrames errors;

    RealtimeExceptionHandling(ErrorFrames errors) {
        this.errors = errors;
    }

    @MessageExceptionHandler
    Mono<Void> failed(Throwable failure) {
        return Mono.error(errors.forRequest(failure));
    }
}
