package io.courier.gateway.realtime.presence;

import io.courier.api.conversation.MemberView;
import io.courier.gateway.realtime.DisplayNames;
import io.courier.gateway.realtime.stream.Frame;
import io.courier.gateway.realtime.stream.Payloads;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Presence as the {@code system.general} streams show it: users online anywhere who are not hidden, with their
 * display names: a {@code presence_state} frame to start with, {@code presence_diff} frames after. Names are looked
 * up once per change for all streams.
 */
@Component
public class PresenceFeed {

    private final Presence presence;
    private final DisplayNames names;
    private final HiddenUsers hidden;
    private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();

    PresenceFeed(Presence presence, DisplayNames names, HiddenUsers hidden) {
        this.presence = presence;
        this.names = names;
        this.hidden = hidden;
        presence.listen(this::changed);
    }

    /** The {@code presence_state} frame as of now. */
    public Mono<Frame> state() {
        return Mono.fromFuture(presence::online)
                .publishOn(Schedulers.boundedElastic())
                .map(online -> Frame.ephemeral("presence_state", new Payloads.PresenceState(visible(online))));
    }

    /** Every {@code presence_diff} frame from now on, until disposed. */
    public Disposable listen(Consumer<Frame> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A user's visibility may have changed (hidden or shown again): online users appear or disappear. */
    public void visibility(UUID userId, boolean nowHidden) {
        Boolean before = hidden.remember(userId, nowHidden);
        if (before != null && before == nowHidden) {
            return;
        }
        presence.online().thenAcceptAsync(online -> {
            if (online.contains(userId)) {
                List<MemberView> user = List.of(new MemberView(userId, DisplayNames.shown(names.of(userId))));
                publish(nowHidden ? new Payloads.PresenceDiff(List.of(), user) : new Payloads.PresenceDiff(user, List.of()));
            }
        }, Schedulers.boundedElastic()::schedule);
    }

    private void changed(Presence.Diff diff) {
        if (listeners.isEmpty()) {
            return;
        }
        List<MemberView> joins = visible(diff.joins());
        List<MemberView> leaves = visible(diff.leaves());
        if (!joins.isEmpty() || !leaves.isEmpty()) {
            publish(new Payloads.PresenceDiff(joins, leaves));
        }
    }

    private void publish(Payloads.PresenceDiff diff) {
        Frame frame = Frame.ephemeral("presence_diff", diff);
        listeners.forEach(listener -> listener.accept(frame));
    }

    private List<MemberView> visible(List<UUID> userIds) {
        return userIds.stream()
                .filter(id -> !hidden.isHidden(id))
                .map(id -> new MemberView(id, DisplayNames.shown(names.of(id))))
                .toList();
    }
}
