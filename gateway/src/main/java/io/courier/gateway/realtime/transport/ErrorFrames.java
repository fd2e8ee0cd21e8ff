package io.courier.gateway.realtime.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.common.CommandRejectedException;
import io.courier.gateway.abuse.RateLimitedException;
import io.courier.gateway.realtime.RealtimeError;
import io.rsocket.RSocketErrorException;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.CodecException;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns whatever ended a request, a stream or a connection setup into the error frame clients read: an
 * APPLICATION_ERROR (or REJECTED_SETUP) whose message is the JSON object {@code {code, detail, ...}} with the
 * same codes REST answers with. Answers (rejections, bad tokens, bad input) are not logged; only failures
 * nobody expected are, once, and the client learns nothing internal from them.
 */
@Component
public class ErrorFrames {

    private static final Logger log = LoggerFactory.getLogger(ErrorFrames.class);

    private final ObjectMapper json;

    ErrorFrames(ObjectMapper json) {
        this.json = json;
    }

    /** The error frame for a request or stream. */
    public RSocketErrorException forRequest(Throwable failure) {
        if (failure instanceof RSocketErrorException already) {
            return already;
        }
        return new ApplicationErrorException(message(toRealtimeError(failure)));
    }

    /** The error frame refusing a connection's SETUP. */
    public RSocketErrorException forSetup(Throwable failure) {
        if (failure instanceof RSocketErrorException already) {
            return already;
        }
        return new RejectedSetupException(message(toRealtimeError(failure)));
    }

    public String message(RealtimeError error) {
        try {
            return json.writeValueAsString(error.body());
        } catch (JsonProcessingException e) {
            return "{\"code\":\"" + RealtimeError.INTERNAL_ERROR + "\"}";
        }
    }

    public RealtimeError toRealtimeError(Throwable failure) {
        Throwable cause = failure;
        // Spring messaging wraps what a handler threw; the first cause we know decides
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            RealtimeError known = known(cause);
            if (known != null) {
                return known;
            }
        }
        log.error("Unexpected failure of a real-time request", failure);
        return RealtimeError.of(RealtimeError.INTERNAL_ERROR, "Something went wrong on our side");
    }

    private static RealtimeError known(Throwable failure) {
        if (failure instanceof RealtimeError error) {
            return error;
        }
        if (failure instanceof CommandRejectedException rejection) {
            return RealtimeError.of(rejection.code().name().toLowerCase(Locale.ROOT), rejection.getMessage(),
                    rejection.details());
        }
        if (failure instanceof RateLimitedException limited) {
            return RealtimeError.of(RealtimeError.RATE_LIMITED, limited.getMessage(),
                    Map.of("retryAfter", limited.retryAfterSeconds()));
        }
        if (failure instanceof AuthenticationException || failure instanceof AccessDeniedException) {
            // every route is open to any signed-in user: a denial means no (valid) token came with it
            return RealtimeError.of(RealtimeError.UNAUTHENTICATED, "A valid access token is required");
        }
        if (failure instanceof MessageDeliveryException && String.valueOf(failure.getMessage()).startsWith("No handler")) {
            return RealtimeError.of(RealtimeError.NOT_FOUND, "No such route");
        }
        if (failure instanceof MethodArgumentNotValidException invalid) {
            return invalidFields(invalid);
        }
        if (failure instanceof MethodArgumentResolutionException || failure instanceof MessageConversionException
                || failure instanceof CodecException) {
            return RealtimeError.of(RealtimeError.INVALID_REQUEST, "The request data is not valid JSON of the expected shape");
        }
        return null;
    }

    private static RealtimeError invalidFields(MethodArgumentNotValidException invalid) {
        List<Map<String, String>> errors = invalid.getBindingResult() == null ? List.of()
                : invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> {
                    Map<String, String> field = new LinkedHashMap<>();
                    field.put("field", error.getField());
                    field.put("message", String.valueOf(error.getDefaultMessage()));
                    return field;
                })
                .toList();
        return RealtimeError.of(RealtimeError.INVALID_REQUEST, "The request has invalid fields", Map.of("errors", errors));
    }
}
