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
    void catching_up_waits_for_room_instead_of_ending_the_stream() throws Exception {
        FrameStream stream = stream(2);
        List<Frame> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscriber = new reactor.core.publisher.BaseSubscriber<Frame>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            }

            @Override
            protected void hookOnNext(Frame frame) {
                received.add(frame);
            }
        };
        stream.flux(opened -> opened.start(List.of())).subscribe(subscriber);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 1; i <= 10; i++) {
                    stream.onCatchUp(event(i), Integer.toString(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(10);
            subscriber.request(1);
        }
        producer.join(WAIT.toMillis());
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> received.size() == 10);
        assertThat(received).extracting(Frame::cursor).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }
}
