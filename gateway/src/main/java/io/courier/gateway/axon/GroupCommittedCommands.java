package io.courier.gateway.axon;

import io.courier.api.account.RotateRefreshToken;
import io.courier.api.message.PostMessageGroup;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Set;

/**
 * The commands whose events are committed together with other such commands' events ({@link EventGroupCommitter})
 * instead of each in a transaction of its own: the frequent ones whose only write is their events. A command that
 * claims something in its own transaction (registration's email claim) must never be listed: without a transaction
 * of its own, that claim would commit apart from its events.
 */
final class GroupCommittedCommands {

    private static final Set<Class<?>> COMMANDS = Set.of(PostMessageGroup.class, RotateRefreshToken.class);

    private GroupCommittedCommands() {
    }

    /** True while the current unit of work is a listed command that was sent on its own (not from a handler). */
    static boolean inProgress() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.parent().isEmpty()
                && unitOfWork.getMessage() instanceof CommandMessage<?> command
                && COMMANDS.contains(command.getPayloadType());
    }
}
