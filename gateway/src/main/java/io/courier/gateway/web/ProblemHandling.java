package io.courier.gateway.web;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.gateway.abuse.RateLimitedException;
import io.netty.channel.ChannelException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps every failure of a REST call to a problem body: rejected commands by their code, invalid
 * input to 400 (unreadable) or 422 (readable but invalid), and anything unexpected to a 500 that
 * reveals nothing internal.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    /** The answer to a failure of a route that runs outside the controllers' exception handling. */
    public ResponseEntity<ProblemDetail> answerTo(Throwable failure) {
        if (failure instanceof CommandRejectedException rejection) {
            return rejected(rejection);
        }
        if (failure instanceof ChannelException channel) {
            return connectionFailed(channel);
        }
        return unexpected(failure instanceof Exception exception ? exception : new IllegalStateException(failure));
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejectedException rejection) {
        HttpStatus status = statusOf(rejection.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        ProblemDetail problem = Problems.of(status, rejection.code().name().toLowerCase(Locale.ROOT), rejection.getMessage());
        // what the client needs to fix it, e.g. membersWithoutKeys: ids as strings under stable names
        rejection.details().forEach(problem::setProperty);
        return response.body(problem);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException limited) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", limited.getMessage()));
    }

    /**
     * Reactor Netty fails the request body when it stalls past HTTP_READ_TIMEOUT (a ReadTimeoutException)
     * or takes longer than HTTP_REQUEST_TIMEOUT (its non-public RequestTimeoutException); it then closes the connection.
     */
    @ExceptionHandler(ChannelException.class)
    ResponseEntity<ProblemDetail> connectionFailed(ChannelException e) {
        if (e instanceof ReadTimeoutException || e.getClass().getSimpleName().equals("RequestTimeoutException")) {
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                    .body(Problems.of(HttpStatus.REQUEST_TIMEOUT, "request_timeout", "The request arrived too slowly"));
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the connection closed before the answer could be written (client gone, or the server
            // stopping): nobody is left to read a problem, and nothing failed on our side
            log.debug("Connection closed before the response was sent: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side"));
    }

    /** Well-formed JSON with missing or out-of-bounds fields: 422, naming each field. */
    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_request", "The request has invalid fields");
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.unprocessableEntity().body(problem));
    }

    /** Spring's own problems (unreadable JSON, wrong media type, ...) get a code derived from their status. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                  HttpStatusCode status, ServerWebExchange exchange) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                problem.setProperty("code", Problems.codeFor(status));
            }
            if (problem.getDetail() == null) {
                problem.setDetail(Problems.reasonFor(status));
            }
        }
        return super.handleExceptionInternal(ex, body, headers, status, exchange);
    }

    static HttpStatus statusOf(RejectionCode code) {
        return switch (code) {
            case EMAIL_TAKEN, NOT_A_GROUP, CONVERSATION_NOT_READY, MESSAGE_DELETED, EMAIL_ALREADY_CONFIRMED ->
                    HttpStatus.CONFLICT;
            case INVALID_EMAIL, WEAK_PASSWORD, INVALID_DISPLAY_NAME, INVALID_REQUEST, UNKNOWN_USERS, TOO_MANY_MEMBERS,
                 INVALID_ALIAS, INVALID_KEYS, RECIPIENTS_MISMATCH, INVALID_MESSAGE, INVALID_TOKEN,
                 INVALID_TEXT_MAGNIFICATION, INVALID_THEME, INVALID_RECENTS -> HttpStatus.UNPROCESSABLE_ENTITY;
            // a wrong current password from a signed-in caller: not a 401, which clients take as "sign in again"
            case NOT_SENDER, INCORRECT_PASSWORD -> HttpStatus.FORBIDDEN;
            case INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN -> HttpStatus.UNAUTHORIZED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case SERVER_BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
