package io.courier.gateway.realtime.request;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request-response answers: {@code {"ok": true, ...}}. */
final class Answers {

    private Answers() {
    }

    static Map<String, Object> ok() {
        return Map.of("ok", true);
    }

    static Map<String, Object> ok(String field, Object value) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put(field, value);
        return answer;
    }

    static Map<String, Object> ok(String field, Object value, String other, Object otherValue) {
        Map<String, Object> answer = ok(field, value);
        answer.put(other, otherValue);
        return answer;
    }
}
