package io.courier.gateway.web.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The {@code User-Agent} a session shows its user: what the client sent, cut to {@value #MAX_LENGTH} characters,
 * without control or format characters (which would corrupt the list of sessions or hide text in it).
 */
final class UserAgents {

    static final int MAX_LENGTH = 256;

    private UserAgents() {
    }

    static String of(ServerHttpRequest request) {
        String sent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
        if (sent == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(sent.length(), MAX_LENGTH));
        sent.codePoints().filter(codePoint -> {
            int type = Character.getType(codePoint);
            return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE;
        }).limit(MAX_LENGTH).forEach(clean::appendCodePoint);
        String agent = clean.toString().strip();
        return agent.isEmpty() ? null : agent;
    }
}
