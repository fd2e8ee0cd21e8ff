package io.courier.command.eventsourcing;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;

/**
 * A condition on what a command appends: its events are stored only if the stream of
 * {@code aggregateIdentifier} holds no event after {@code lastSequenceNumber}, checked by the event storage
 * in the same statement (or transaction) as the append. A command that decided on a cached view of another
 * aggregate, without reading it, can so be sure that view was current when its events went in. An unmet
 * condition fails the append as a lost race ({@code ConcurrencyException}), and the command is decided again.
 * <p>
 * Only an event storage that enforces it may be relied on: see {@link AppendConditions}.
 */
public record StreamUnchanged(String aggregateIdentifier, long lastSequenceNumber) {

    private static final String RESOURCE = StreamUnchanged.class.getName();

    /** Sets the condition on everything the current unit of work (its root, where the events commit) appends. */
    public void requireOnCurrentUnitOfWork() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        StreamUnchanged earlier = root.getResource(RESOURCE);
        if (earlier != null && !earlier.equals(this)) {
            throw new IllegalStateException("A unit of work carries one append condition; it has " + earlier
                    + " and was given " + this);
        }
        root.resources().put(RESOURCE, this);
    }

    /** The condition on what the current unit of work appends, if it has one. */
    public static Optional<StreamUnchanged> ofCurrentUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(RESOURCE));
    }
}
