package io.courier.gateway.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Axon's embedded event store, which tails the event table for the tracking processors and the real-time event
 * tail, plus two doors: {@link #wake()} makes the tail fetch at once instead of at its next poll (another node
 * announced a commit), and {@link #onCommit(Runnable)} hears of this node's commits (to announce them).
 */
public final class WakeableEventStore extends EmbeddedEventStore {

    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Events were committed elsewhere: fetch now rather than after the fetch delay. */
    public void wake() {
        super.afterCommit(List.of());
    }

    /** {@code listener} runs on the committing thread after each commit of events; it must not block. */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (GroupCommittedCommands.inProgress()) {
            return; // its group already woke the tail and told the listeners (groupCommitted)
        }
        super.afterCommit(events);
        if (!events.isEmpty()) {
            commitListeners.forEach(Runnable::run);
        }
    }

    /**
     * A group of commands' events is stored ({@link EventGroupCommitter}): the tail fetches and the listeners hear
     * of it once for the group, rather than once for each of its commands. Those came all at once, each waking a
     * producer that was already fetching into a further, empty round of fetches.
     */
    void groupCommitted() {
        super.afterCommit(List.of());
        commitListeners.forEach(Runnable::run);
    }
}
