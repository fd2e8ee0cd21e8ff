package io.courier.command.conversation;

import io.courier.api.conversation.StartPrivateConversation;
import io.courier.api.conversation.StartedConversation;
import io.courier.command.time.Timestamps;
import io.courier.vault.KeyVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.courier.command.conversation.ConversationRejections.invalidRequest;
import static io.courier.command.conversation.ConversationRejections.unknownUsers;

/**
 * One private conversation per pair of users. Starting it creates it; starting it again, by either of the
 * two, answers the existing one and sets the caller's keys if it has none there yet - which is how the
 * second user joins - but never replaces keys (that is {@code SetConversationKeys}). The pair is claimed in
 * the {@link PrivateConversationRegistry} in the same transaction as the conversation's first events.
 */
@Component
class StartPrivateConversationHandler {

    private final Repository<Conversation> conversations;
    private final PrivateConversationRegistry registry;
    private final UserDirectory users;
    private final ConversationLimits limits;
    private final KeyVault vault;
    private final Clock clock;

    StartPrivateConversationHandler(Repository<Conversation> conversations, PrivateConversationRegistry registry,
                                    UserDirectory users, ConversationLimits limits, KeyVault vault, Clock clock) {
        this.conversations = conversations;
        this.registry = registry;
        this.users = users;
        this.limits = limits;
        this.vault = vault;
        this.clock = clock;
    }

    @CommandHandler
    StartedConversation handle(StartPrivateConversation command) throws Exception {
        UUID userId = command.userId();
        UUID otherUserId = command.otherUserId();
        if (command.conversationId() == null || userId == null || otherUserId == null) {
            throw invalidRequest("A conversation id and both users are required");
        }
        if (userId.equals(otherUserId)) {
            throw invalidRequest("A private conversation is between two different users");
        }
        ConversationKeys.validate(command.keys(), limits);
        Set<UUID> unknown = users.unknownAmong(List.of(userId, otherUserId));
        if (!unknown.isEmpty()) {
            throw unknownUsers(unknown);
        }
        PrivatePair pair = PrivatePair.of(userId, otherUserId);
        Optional<UUID> existing = registry.conversationOf(pair);
        if (existing.isEmpty()) {
            UUID conversationId = command.conversationId();
            if (registry.claim(pair, conversationId)) {
                conversations.newInstance(() -> new Conversation(conversationId, userId, otherUserId,
                        ConversationKeys.seal(command.keys(), conversationId, userId, vault), Timestamps.now(clock)));
                return new StartedConversation(conversationId, true);
            }
            // the other user started it at the same moment and committed first
            existing = registry.conversationOf(pair);
        }
        UUID conversationId = existing.orElseThrow(() -> new IllegalStateException(
                "The private conversation registry refused a claim but holds no conversation for the pair"));
        conversations.load(conversationId.toString())
                .execute(conversation -> conversation.setKeysIfMissing(userId, command.keys(), vault, clock));
        return new StartedConversation(conversationId, false);
    }
}
