package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.RealtimeProperties;
import io.courier.gateway.realtime.presence.Presence;
import io.courier.gateway.realtime.security.Caller;
import io.courier.gateway.realtime.security.SessionWatch;
import io.courier.gateway.realtime.tail.Cursor;
import io.courier.gateway.realtime.tail.EventTail;
import io.courier.gateway.realtime.tail.StreamKey;
import io.courier.gateway.realtime.tail.Subscription;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Opens a stream for a caller: a {@link FrameStream} fed by the event tail (from the client's cursor, or live),
 * ended when the caller's token expires or its session is revoked, and counted as the caller's presence while
 * open. {@code sources} adds the stream's own first frames and ephemeral feeds (joined, presence, typing).
 */
@Component
public class Streams {

    /** How long a revoked stream waits for its client to take the {@code session_revoked} frame. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(2);

    private final EventTail tail;
    private final SessionWatch sessions;
    private final Presence presence;
    private final int bufferSize;

    Streams(EventTail tail, SessionWatch sessions, Presence presence, RealtimeProperties properties) {
        this.tail = tail;
        this.sessions = sessions;
        this.presence = presence;
        this.bufferSize = properties.streamBuffer();
    }

    /** The client's resume cursor: none, or a position of this server; anything else is refused. */
    public static GapAwareTrackingToken after(StreamRequest request) {
        if (request == null || request.after() == null) {
            return null;
        }
        return Cursor.decode(request.after()).orElseThrow(() -> RealtimeError.of(RealtimeError.INVALID_REQUEST,
                "after must be a cursor this server handed out"));
    }

    public Flux<Frame> open(Caller caller, StreamKey key, GapAwareTrackingToken after, FrameMapper mapper,
                            Consumer<FrameStream> sources) {
        sessions.check(caller);
        FrameStream stream = new FrameStream(bufferSize, mapper);
        return stream.flux(opened -> {
            opened.hold(sessions.watch(caller, ending -> {
                if (key.kind() == StreamKey.Kind.USER && RealtimeError.SESSION_REVOKED.equals(ending.code())) {
                    Object reason = ending.body().get("reason");
                    opened.endWith(new Frame("session_revoked", null, new Payloads.SessionRevoked(String.valueOf(reason))),
                            ending, LAST_WORDS);
                } else {
                    opened.end(ending);
                }
            }));
            opened.hold(presence.hold(caller.userId()));
            Subscription subscription = tail.subscribe(key, after, opened);
            opened.startingAt(subscription.startCursor());
            opened.hold(subscription::cancel);
            sources.accept(opened);
        });
    }
}
