package io.courier.command.message;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.message.DeleteMessageGroup;
import io.courier.api.message.EditMessageGroup;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.time.Timestamps;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One posted message group: a sender's ciphertexts for every member of a conversation at the time.
 * <p>
 * <b>Why an aggregate of its own.</b> If messages were part of the {@code Conversation} aggregate, every post
 * would take that aggregate's lock (all senders of a conversation in a queue) and its stream would grow with
 * every message, so loading it would cost more the longer the conversation. As its own aggregate, a group
 * is created with one event and edited rarely; posting checks membership against the conversation's
 * {@link ConversationRosters roster}, read lock-free and kept current, so the cost of a post does not depend
 * on the conversation's history. Its state is small (no ciphertexts: only who they were for), and there are
 * millions, so it is not cached. See {@code docs/aggregates.md}.
 * <p>
 * Posting is handled by {@link PostMessageGroupHandler}; edits and deletes here. Only the sender, still a member,
 * may change a group; to anyone who is not a member, or was not one of its recipients, it does not exist.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver", repository = "messageGroupRepository")
public class MessageGroup {

    @AggregateIdentifier
    private UUID messageGroupId;
    private UUID conversationId;
    private UUID senderId;
    private Set<UUID> recipientIds;
    private Instant sentAt;
    private boolean deleted;

    protected MessageGroup() {
        // for Axon's event sourcing
    }

    /** Decided by {@link PostMessageGroupHandler}; the group only records it. */
    MessageGroup(MessageGroupPosted posted) {
        apply(posted);
    }

    /** What a retry of the post that created this group is answered with. */
    PostedMessageGroup posted() {
        return new PostedMessageGroup(messageGroupId, sentAt);
    }

    /** New ciphertexts of the same message for exactly the original recipients. */
    @CommandHandler
    public void handle(EditMessageGroup command, ConversationRosters rosters, MessageLimits limits, Clock clock) {
        requireSender(command.conversationId(), command.userId(), rosters);
        if (deleted) {
            throw new CommandRejectedException(RejectionCode.MESSAGE_DELETED, "The message was deleted");
        }
        EncryptedMessages.requireRecipients(command.encryptedMessages(), recipientIds);
        EncryptedMessages.requireWithinLimits(command.encryptedMessages(), limits);
        apply(new MessageGroupEdited(messageGroupId, conversationId, senderId,
                Map.copyOf(command.encryptedMessages()), Timestamps.now(clock)));
    }

    /** Leaves a tombstone; deleting it again changes nothing. */
    @CommandHandler
    public void handle(DeleteMessageGroup command, ConversationRosters rosters, Clock clock) {
        requireSender(command.conversationId(), command.userId(), rosters);
        if (!deleted) {
            apply(new MessageGroupDeleted(messageGroupId, conversationId, senderId, Timestamps.now(clock)));
        }
    }

    private void requireSender(UUID commandConversationId, UUID userId, ConversationRosters rosters) {
        // a member who joined after the post never received it: for them it does not exist either
        if (!conversationId.equals(commandConversationId) || userId == null || !recipientIds.contains(userId)
                || !rosters.current(conversationId).isMember(userId)) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "Message not found");
        }
        if (!senderId.equals(userId)) {
            throw new CommandRejectedException(RejectionCode.NOT_SENDER, "Only its sender may change a message");
        }
    }

    @EventSourcingHandler
    void on(MessageGroupPosted event) {
        messageGroupId = event.messageGroupId();
        conversationId = event.conversationId();
        senderId = event.senderId();
        recipientIds = Set.copyOf(event.encryptedMessages().keySet());
        sentAt = event.sentAt();
    }

    @EventSourcingHandler
    void on(MessageGroupDeleted event) {
        deleted = true;
    }
}
