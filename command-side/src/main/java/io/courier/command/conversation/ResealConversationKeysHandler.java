package io.courier.command.conversation;

import io.courier.api.conversation.ResealConversationKeys;
import io.courier.vault.KeyVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The re-encryption job's command, sent per conversation after a vault key rotation. It is sent on nobody's
 * behalf, so it is no {@code ConversationCommand} and is routed here rather than to the aggregate directly.
 * An unknown or closed conversation answers NOT_FOUND, which the job can skip.
 */
@Component
class ResealConversationKeysHandler {

    private final Repository<Conversation> conversations;
    private final KeyVault vault;
    private final Clock clock;

    ResealConversationKeysHandler(Repository<Conversation> conversations, KeyVault vault, Clock clock) {
        this.conversations = conversations;
        this.vault = vault;
        this.clock = clock;
    }

    @CommandHandler
    void handle(ResealConversationKeys command) {
        if (command.conversationId() == null) {
            throw ConversationRejections.invalidRequest("A conversation id is required");
        }
        conversations.load(command.conversationId().toString())
                .execute(conversation -> conversation.resealKeys(vault, clock));
    }
}
