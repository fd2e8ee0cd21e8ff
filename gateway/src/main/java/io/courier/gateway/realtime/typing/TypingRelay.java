package io.courier.gateway.realtime.typing;

import io.courier.gateway.realtime.cluster.ClusterSignals;
import io.courier.gateway.realtime.stream.Frame;
import io.courier.gateway.realtime.stream.Payloads;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Typing notices: ephemeral, never stored. A notice goes at once to the conversation's streams on this node and,
 * through a notification, to those on the other nodes; never back to its sender's own streams.
 */
@Component
public class TypingRelay {

    private final ClusterSignals signals;
    private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();

    TypingRelay(ClusterSignals signals) {
        this.signals = signals;
        signals.listen(ClusterSignals.TYPING, notice -> heard(notice.text()));
    }

    private record Listener(UUID subscriberId, Consumer<Frame> push) {
    }

    /** Typing notices of {@code conversationId} for the stream of {@code subscriberId}, until disposed. */
    public Disposable listen(UUID conversationId, UUID subscriberId, Consumer<Frame> push) {
        Listener listener = new Listener(subscriberId, push);
        listeners.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(conversationId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** {@code userId} started ({@code true}) or finished typing in {@code conversationId}; already checked as a member. */
    public void typing(UUID conversationId, UUID userId, boolean started) {
        deliver(conversationId, userId, started);
        signals.send(ClusterSignals.TYPING, (started ? "s " : "f ") + conversationId + " " + userId);
    }

    private void heard(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 3 || !(parts[0].equals("s") || parts[0].equals("f"))) {
            return;
        }
        try {
            deliver(UUID.fromString(parts[1]), UUID.fromString(parts[2]), parts[0].equals("s"));
        } catch (IllegalArgumentException notOurs) {
            // ignored: not a notice this version sends
        }
    }

    private void deliver(UUID conversationId, UUID userId, boolean started) {
        Set<Listener> audience = listeners.get(conversationId);
        if (audience == null) {
            return;
        }
        Frame frame = Frame.ephemeral(started ? "start_typing" : "finish_typing", new Payloads.Typing(conversationId, userId));
        for (Listener listener : audience) {
            if (!listener.subscriberId().equals(userId)) {
                listener.push().accept(frame);
            }
        }
    }
}
