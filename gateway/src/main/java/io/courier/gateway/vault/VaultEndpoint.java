package io.courier.gateway.vault;

import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import io.courier.api.conversation.FindConversationsToReseal;
import io.courier.api.conversation.ResealConversationKeys;
import io.courier.vault.KeyVault;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The re-encryption job after a vault key rotation, on the management port: {@code POST /actuator/vault} reseals
 * the keys of every conversation still holding keys sealed under an older vault key, and answers how many it
 * resealed; {@code GET} tells the current key id and how many conversations still wait. Safe to run again: the
 * command side reseals only what is not yet under the current key.
 */
@Component
@Endpoint(id = "vault")
class VaultEndpoint {

    private static final int BATCH = 500;

    private final KeyVault vault;
    private final CommandGateway commands;
    private final QueryGateway queries;

    VaultEndpoint(KeyVault vault, CommandGateway commands, QueryGateway queries) {
        this.vault = vault;
        this.commands = commands;
        this.queries = queries;
    }

    @ReadOperation
    Map<String, Object> status() {
        return Map.of("currentKeyId", vault.currentKeyId(), "conversationsToReseal", waiting(BATCH).size());
    }

    @WriteOperation
    Map<String, Object> reseal() {
        int resealed = 0;
        // the read model trails the reseal events, so each batch is taken once; a second run finds any stragglers
        List<UUID> batch = waiting(BATCH);
        for (UUID conversationId : batch) {
            try {
                commands.sendAndWait(new ResealConversationKeys(conversationId));
                resealed++;
            } catch (CommandExecutionException closedMeanwhile) {
                // closed since the read model listed it: nothing left to reseal
                if (!(closedMeanwhile.getDetails().orElse(null) instanceof RejectionDetails details)
                        || details.code() != RejectionCode.NOT_FOUND) {
                    throw closedMeanwhile;
                }
            }
        }
        return Map.of("currentKeyId", vault.currentKeyId(), "resealed", resealed, "complete", batch.size() < BATCH);
    }

    private List<UUID> waiting(int limit) {
        return queries.query(new FindConversationsToReseal(vault.currentKeyId(), limit),
                ResponseTypes.multipleInstancesOf(UUID.class)).join();
    }
}
