package io.courier.gateway.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request or a stream with an error frame whose message is the JSON object
 * {@code {"code": ..., "detail": ..., <extra fields>}} (see docs/realtime.md). An answer, not an incident: no
 * stack trace is captured or logged.
 */
public final class RealtimeError extends RuntimeException {

    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String TOKEN_EXPIRED = "token_expired";
    public static final String SESSION_REVOKED = "session_revoked";
    public static final String NOT_FOUND = "not_found";
    public static final String FORBIDDEN_STREAM = "forbidden_stream";
    public static final String SLOW_CONSUMER = "slow_consumer";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INTERNAL_ERROR = "internal_error";

    private final String code;
    private final Map<String, Object> extra;

    private RealtimeError(String code, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.code = code;
        this.extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static RealtimeError of(String code, String detail) {
        return new RealtimeError(code, detail, Map.of());
    }

    public static RealtimeError of(String code, String detail, Map<String, ?> extra) {
        return new RealtimeError(code, detail, new LinkedHashMap<>(extra));
    }

    public static RealtimeError notFound(String what) {
        return of(NOT_FOUND, what + " not found");
    }

    /** The same error with one more field in its body (a cursor to resume from, say). */
    public RealtimeError with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new RealtimeError(code, getMessage(), more);
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** The body of the error frame: code and detail first, then the extra fields. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("detail", getMessage());
        extra.forEach(body::putIfAbsent);
        return body;
    }

    @Override
    public String toString() {
        return "RealtimeError[" + code + ": " + getMessage() + "]";
    }
}
