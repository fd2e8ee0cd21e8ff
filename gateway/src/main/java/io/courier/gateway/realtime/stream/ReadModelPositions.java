package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.tail.Positions;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

/**
 * How far the read models behind {@code joined} (conversations, message history) have come, from the processors'
 * tokens in the token store (whichever node holds them). A conversation stream waits, briefly, until they have
 * read everything up to where its live delivery starts, so that its first history page and its live frames meet
 * without a gap.
 */
@Component
class ReadModelPositions {

    static final List<String> JOINED_FROM = List.of("conversations", "messages");
    private static final Duration POLL = Duration.ofMillis(20);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ReadModelPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Completes once every processor of {@link #JOINED_FROM} has seen {@code position}, or after {@code patience}. */
    Mono<Void> caughtUpWith(GapAwareTrackingToken position, Duration patience) {
        return Mono.fromCallable(() -> covered(position))
                .subscribeOn(Schedulers.boundedElastic())
                .filter(covered -> covered)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(patience, Mono.just(false))
                .then();
    }

    private boolean covered(GapAwareTrackingToken position) {
        for (String processor : JOINED_FROM) {
            List<TrackingToken> tokens = jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ?",
                    (row, number) -> token(row.getBytes(1), row.getString(2)), processor);
            if (tokens.isEmpty()) {
                return false;
            }
            for (TrackingToken token : tokens) {
                TrackingToken reached = WrappedToken.unwrapLowerBound(token);
                if (!(reached instanceof GapAwareTrackingToken gapAware) || !Positions.covers(gapAware, position)) {
                    return false;
                }
            }
        }
        return true;
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, new SimpleSerializedType(type, null)));
    }
}
