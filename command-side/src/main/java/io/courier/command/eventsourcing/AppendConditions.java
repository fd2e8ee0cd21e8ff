package io.courier.command.eventsourcing;

/**
 * Whether the event storage enforces {@link StreamUnchanged} conditions. Where it does not (Axon's test
 * fixtures, an event store that knows nothing of them), a handler reads what it decides on instead of
 * relying on the condition.
 */
public interface AppendConditions {

    /** What a handler assumes when no event storage said it enforces conditions. */
    AppendConditions NOT_ENFORCED = () -> false;

    boolean enforced();
}
