package io.courier.gateway.realtime.stream;

import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.tail.Positions;
import io.courier.gateway.realtime.tail.Routed;
import io.courier.gateway.realtime.tail.TailEvent;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One stream's buffer: the client's pace, first frames first, and a bounded buffer that ends with a cursor. */
class FrameStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TailEvent event(int index) {
        return new TailEvent(index, Positions.START, Integer.toString(index), "payload " + index, Instant.EPOCH, Routed.NOBODY);
    }

    private static FrameStream stream(int capacity) {
        return new FrameStream(capacity, (event, cursor) -> Mapped.of(new Frame("e", cursor, event.payload())));
    }

    @Test
    void frames_go_out_only_as_the_client_asks_and_first_frames_go_first() {
        FrameStream stream = stream(8);
        StepVerifier.create(stream.flux(opened -> {
                    opened.onEvent(event(1), "1");
                    opened.onEvent(event(2), "2");
                    opened.start(List.of(Frame.ephemeral("joined", "hello")));
                }), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .assertNext(frame -> assertThat(frame.event()).isEqualTo("joined"))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2)
                .assertNext(frame -> assertThat(frame.cursor()).isEqualTo("1"))
                .assertNext(frame -> assertThat(frame.cursor()).isEqualTo("2"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void a_full_buffer_ends_the_stream_with_the_cursor_of_the_last_frame_taken() {
        FrameStream stream = stream(3);
        StepVerifier.create(stream.flux(opened -> {
                    opened.startingAt("0");
                    opened.start(List.of());
                }), 1)
                .then(() -> stream.onEvent(event(1), "1"))
                .assertNext(frame -> assertThat(frame.cursor()).isEqualTo("1"))
                .then(() -> {
                    for (int i = 2; i <= 5; i++) { // three fit, the fourth does not
                        stream.onEvent(event(i), Integer.toString(i));
                    }
                })
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(RealtimeError.class);
                    assertThat(((RealtimeError) error).code()).isEqualTo("slow_consumer");
                    assertThat(((RealtimeError) error).body()).containsEntry("cursor", "1");
                })
                .verify(WAIT);
    }

    @Test
    void an_ending_after_a_frame_comes_once_the_client_took_it() {
        FrameStream stream = new FrameStream(8, (event, cursor) ->
                new Mapped(new Frame("member_left", cursor, null), RealtimeError.notFound("Conversation")));
        StepVerifier.create(stream.flux(opened -> opened.start(List.of())), 0)
                .then(() -> stream.onEvent(event(7), "7"))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .assertNext(frame -> assertThat(frame.event()).isEqualTo("member_left"))
                .expectErrorSatisfies(error -> assertThat(((RealtimeError) error).body())
                        .containsEntry("code", "not_found").containsEntry("cursor", "7"))
                .verify(WAIT);
    }

    @Test
    void room_is_what_the_buffer_can_still_take() {
        FrameStream stream = stream(3);
        StepVerifier.create(stream.flux(opened -> opened.start(List.of())), 0)
                .then(() -> {
                    assertThat(stream.room()).isEqualTo(3);
                    stream.onCatchUp(event(1), "1");
                    stream.onCatchUp(event(2), "2");
                    assertThat(stream.room()).isEqualTo(1);
                })
                .thenRequest(2)
                .expectNextCount(2)
                .then(() -> assertThat(stream.room()).isEqualTo(3))
                .thenCancel()
                .verify(WAIT);
    }
}
