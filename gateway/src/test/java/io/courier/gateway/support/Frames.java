package io.courier.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * Records what a stream delivers (frames, then its error or completion), asking for frames as told: all of them
 * ({@link #all}) or a given number ({@link #asking}) to play a slow client.
 */
public final class Frames extends BaseSubscriber<JsonNode> implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<JsonNode> frames = new ArrayList<>();
    private final long initialDemand;
    private volatile long asked;
    private volatile Throwable error;
    private volatile boolean completed;

    private Frames(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    public static Frames all(Flux<JsonNode> stream) {
        Frames frames = new Frames(Long.MAX_VALUE);
        stream.subscribe(frames);
        return frames;
    }

    public static Frames asking(long demand, Flux<JsonNode> stream) {
        Frames frames = new Frames(demand);
        stream.subscribe(frames);
        return frames;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        if (initialDemand > 0) {
            asked = initialDemand;
            subscription.request(initialDemand);
        }
    }

    @Override
    protected synchronized void hookOnNext(JsonNode frame) {
        frames.add(frame);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        error = throwable;
    }

    @Override
    protected void hookOnComplete() {
        completed = true;
    }

    public void ask(long more) {
        asked += more;
        request(more);
    }

    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Frames of one kind ({@code event}), in order. */
    public List<JsonNode> of(String event) {
        return frames().stream().filter(frame -> frame.get("event").asText().equals(event)).toList();
    }

    /** Waits for the first frame that matches, answers it. */
    public JsonNode await(Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (JsonNode frame : frames()) {
                if (wanted.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            if (error != null) {
                throw new AssertionError("The stream ended with " + error.getMessage() + " before the frame came; frames: "
                        + frames(), error);
            }
            return false;
        });
        return found[0];
    }

    public JsonNode await(String event) {
        return await(frame -> frame.get("event").asText().equals(event));
    }

    /** Waits until {@code count} frames of kind {@code event} came, answers them. */
    public List<JsonNode> await(String event, int count) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> of(event).size() >= count || error != null);
        List<JsonNode> found = of(event);
        if (found.size() < count) {
            throw new AssertionError("Got " + found.size() + " " + event + " frames of " + count + ", then " + error, error);
        }
        return found;
    }

    /**
     * Makes sure a user stream is live before a test acts: {@code user} starts a conversation of its own and this
     * waits for its {@code new_conversation} frame. (A stream is live from where the server's event tail stands
     * when the request arrives, which may be after what a test does right after asking for it.)
     */
    public Frames live(ChatClient user) {
        // the request may reach the server after the tail passed a marker: then another one is posted
        java.util.Set<String> markers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long[] lastMarker = {0};
        Predicate<JsonNode> isMarker = frame -> frame.get("event").asText().equals("new_conversation")
                && markers.contains(frame.get("payload").get("conversationId").asText());
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<JsonNode> seen = frames();
            if (seen.stream().anyMatch(isMarker)) {
                return true;
            }
            if (error != null) {
                throw new AssertionError("The stream ended with " + error.getMessage(), error);
            }
            if (System.nanoTime() - lastMarker[0] > Duration.ofSeconds(1).toNanos()) {
                markers.add(user.startGroup("sync").toString());
                lastMarker[0] = System.nanoTime();
            }
            if (initialDemand != Long.MAX_VALUE && seen.size() >= asked) {
                ask(1); // a slow reader asks for one more frame at a time until a marker came
            }
            return false;
        });
        return this;
    }

    /** Waits for the stream's error frame, answers its JSON body. */
    public JsonNode awaitError() {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> error != null || completed);
        if (error == null) {
            throw new AssertionError("The stream completed without an error");
        }
        return RealtimeClient.errorBody(error);
    }

    public Throwable error() {
        return error;
    }

    public boolean ended() {
        return error != null || completed;
    }

    @Override
    public void close() {
        dispose();
    }
}
