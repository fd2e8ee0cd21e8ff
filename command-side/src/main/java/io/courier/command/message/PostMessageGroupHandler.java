package io.courier.command.message;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.conversation.Roster;
import io.courier.command.time.Timestamps;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Posts a message group: at most one per (conversation, sender, clientMessageId), whose id
 * {@link MessageGroupIds} derives from them. A post whose group exists is a retry and is answered with the
 * first result, storing nothing, even if membership has changed since. Anything else is decided on the
 * conversation's current {@link Roster}, read without the conversation aggregate's lock: the sender is a
 * member, every member has keys, and there is one ciphertext for each member and nobody else.
 * <p>
 * Two copies of one post at the same moment both find no group; the second append then breaks the event
 * store's unique (aggregate, sequence number) key, which Axon reports as an
 * {@code AggregateStreamCreationException}. The gateway retries the command on that, and the retry finds the
 * first copy's group and answers it.
 */
@Component
class PostMessageGroupHandler {

    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Repository<MessageGroup> messageGroups;
    private final EventStore eventStore;
    private final ConversationRosters rosters;
    private final MessageLimits limits;
    private final Clock clock;

    PostMessageGroupHandler(Repository<MessageGroup> messageGroups, EventStore eventStore, ConversationRosters rosters,
                            MessageLimits limits, Clock clock) {
        this.messageGroups = messageGroups;
        this.eventStore = eventStore;
        this.rosters = rosters;
        this.limits = limits;
        this.clock = clock;
    }

    @CommandHandler
    PostedMessageGroup handle(PostMessageGroup command) throws Exception {
        if (command.conversationId() == null || command.senderId() == null) {
            throw invalidRequest("A conversation and a sender are required");
        }
        // a malformed id was never stored, so refusing it first can't turn a retry away
        if (command.clientMessageId() == null || !CLIENT_MESSAGE_ID.matcher(command.clientMessageId()).matches()) {
            throw invalidRequest("clientMessageId must be 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':', '-'");
        }
        UUID messageGroupId = MessageGroupIds.of(command.conversationId(), command.senderId(),
                command.clientMessageId());
        // one read where it can: the conversation's new events and this group's first event
        ConversationRosters.RosterWithFirstOf read =
                rosters.currentWithFirstEventOf(command.conversationId(), messageGroupId.toString());
        Optional<PostedMessageGroup> earlier = read.otherRead() ? posted(read.firstOfOther()) : postedBefore(messageGroupId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Roster roster = read.roster();
        if (!roster.isMember(command.senderId())) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "Conversation not found");
        }
        List<UUID> withoutKeys = roster.membersWithoutKeys();
        if (!withoutKeys.isEmpty()) {
            throw new CommandRejectedException(RejectionCode.CONVERSATION_NOT_READY,
                    "Not every member has set keys yet",
                    Map.of("membersWithoutKeys", withoutKeys.stream().map(UUID::toString).sorted().toList()));
        }
        EncryptedMessages.requireRecipients(command.encryptedMessages(), roster.memberIds());
        EncryptedMessages.requireWithinLimits(command.encryptedMessages(), limits);
        Instant sentAt = Timestamps.now(clock);
        MessageGroupPosted posted = new MessageGroupPosted(messageGroupId, command.conversationId(),
                command.senderId(), command.clientMessageId(), Map.copyOf(command.encryptedMessages()), sentAt);
        messageGroups.newInstance(() -> new MessageGroup(posted));
        return new PostedMessageGroup(messageGroupId, sentAt);
    }

    /**
     * The group's first event, if it has one, when the roster read could not bring it along: a single indexed read, no aggregate lock (a retry must not wait
     * behind edits), no snapshot look-up.
     */
    private Optional<PostedMessageGroup> postedBefore(UUID messageGroupId) {
        try {
            DomainEventStream events = eventStore.readEvents(messageGroupId.toString(), 0);
            return events.hasNext() ? posted(events.next().getPayload()) : Optional.empty();
        } catch (AggregateNotFoundException none) {
            return Optional.empty(); // how some event stores (Axon's test fixture's) say "no events"
        }
    }

    private static Optional<PostedMessageGroup> posted(Object firstEvent) {
        return firstEvent instanceof MessageGroupPosted first
                ? Optional.of(new PostedMessageGroup(first.messageGroupId(), first.sentAt()))
                : Optional.empty();
    }

    private static CommandRejectedException invalidRequest(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_REQUEST, message);
    }
}
