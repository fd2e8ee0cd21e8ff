package io.courier.command.conversation;

import io.courier.api.account.AccountDeleted;
import io.courier.api.conversation.ListMemberships;
import io.courier.api.conversation.RemoveDeletedMember;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The policy "a deleted account leaves its conversations". The memberships come from the conversation read model,
 * the only index of a user's conversations; each removal is an idempotent command, so redelivery after a failure
 * is harmless. A conversation joined in the last moments before the deletion may not be projected yet: the
 * deleted user then stays listed there as "deleted user" until someone removes it.
 */
@Component
@ProcessingGroup(DeletedAccountsLeaveConversations.PROCESSING_GROUP)
class DeletedAccountsLeaveConversations {

    static final String PROCESSING_GROUP = "account-deletions";

    private final QueryGateway queries;
    private final CommandGateway commands;

    DeletedAccountsLeaveConversations(QueryGateway queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @EventHandler
    void on(AccountDeleted event) {
        List<UUID> conversations = queries.query(new ListMemberships(event.userId()),
                ResponseTypes.multipleInstancesOf(UUID.class)).join();
        for (UUID conversationId : conversations) {
            commands.sendAndWait(new RemoveDeletedMember(conversationId, event.userId()));
        }
    }
}
