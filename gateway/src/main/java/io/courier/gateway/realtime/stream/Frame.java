package io.courier.gateway.realtime.stream;

/**
 * One item of a stream: {@code {"event", "cursor", "payload"}}. {@code cursor} is where a client that has seen
 * this frame resumes; null for ephemeral frames (joined, presence, typing), which are not replayed.
 */
public record Frame(String event, String cursor, Object payload) {

    public static Frame ephemeral(String event, Object payload) {
        return new Frame(event, null, payload);
    }
}
