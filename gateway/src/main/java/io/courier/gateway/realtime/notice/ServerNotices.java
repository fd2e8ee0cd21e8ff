package io.courier.gateway.realtime.notice;

import io.courier.gateway.realtime.cluster.ClusterSignals;
import io.courier.gateway.realtime.stream.Frame;
import io.courier.gateway.realtime.stream.Payloads;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Notices from the operator to everyone listening on {@code system.general} (maintenance ahead, say): sent on one
 * node, they reach the system streams of every node. Ephemeral: a client that is not connected misses them.
 */
@Component
public class ServerNotices {

    /** A notice longer than this is cut: a notification carries at most 8,000 bytes. */
    static final int MAX_LENGTH = 2_000;

    private final ClusterSignals signals;
    private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();

    ServerNotices(ClusterSignals signals) {
        this.signals = signals;
        signals.listen(ClusterSignals.NOTICE, notice -> deliver(notice.text()));
    }

    public Disposable listen(Consumer<Frame> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Answers how many streams of this node it reached (the other nodes' are not counted). */
    public int broadcast(String message) {
        String text = message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) : message;
        signals.send(ClusterSignals.NOTICE, text);
        return deliver(text);
    }

    private int deliver(String message) {
        Frame frame = Frame.ephemeral("server_notice", new Payloads.ServerNotice(message));
        listeners.forEach(listener -> listener.accept(frame));
        return listeners.size();
    }
}
