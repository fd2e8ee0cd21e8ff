package io.courier.gateway.realtime.tail;

import java.util.UUID;

/** Whom an event is for: one user's stream, one conversation's streams, or everyone's system stream. */
public record StreamKey(Kind kind, UUID id) {

    public enum Kind { USER, CONVERSATION, SYSTEM }

    public static final StreamKey SYSTEM = new StreamKey(Kind.SYSTEM, null);

    public static StreamKey user(UUID userId) {
        return new StreamKey(Kind.USER, userId);
    }

    public static StreamKey conversation(UUID conversationId) {
        return new StreamKey(Kind.CONVERSATION, conversationId);
    }
}
