package io.courier.gateway.web.message;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.UUID;

/** {@code /api/conversations/{conversationId}/messages}, as the routes that answer it directly match it. */
final class MessagesPath {

    static final PathPattern ROUTE = PathPatternParser.defaultInstance
            .parse("/api/conversations/{conversationId}/messages");
    private static final String PREFIX = "/api/conversations/";
    private static final String SUFFIX = "/messages";
    private static final int UUID_LENGTH = 36;

    private MessagesPath() {
    }

    /**
     * The conversation of a path that is exactly the route's, with a conversation id in canonical form (ASCII
     * hexadecimal digits, dashes in place); null for any other path.
     */
    static UUID conversationOf(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (path.length() != PREFIX.length() + UUID_LENGTH + SUFFIX.length()
                || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < PREFIX.length() + UUID_LENGTH; i++) {
            char c = path.charAt(i);
            int offset = i - PREFIX.length();
            boolean dash = offset == 8 || offset == 13 || offset == 18 || offset == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                return null;
            }
        }
        return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
    }
}
