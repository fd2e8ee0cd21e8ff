package io.courier.command.message;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.message.MessageGroupPosted;
import io.courier.api.message.PostMessageGroup;
import io.courier.api.message.PostedMessageGroup;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.conversation.Roster;
import io.courier.command.eventsourcing.AppendConditions;
import io.courier.command.eventsourcing.StreamUnchanged;
import io.courier.command.time.Timestamps;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
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
 * <p>
 * <b>Posting without a read.</b> Where the event storage enforces {@link StreamUnchanged append conditions},
 * a post whose conversation roster is cached decides on it without reading anything: its event is stored only
 * if the conversation has no event after the cached one, and a group that already exists breaks the unique
 * key. Either failure is a lost race, retried; the retry of a post that failed so reads as above. A
 * rejection decided on the cached roster is never given as it is: the roster may be behind, so the post is
 * decided again on what a read finds.
 */
@Component
class PostMessageGroupHandler {

    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Repository<MessageGroup> messageGroups;
    private final EventStore eventStore;
    private final ConversationRosters rosters;
    private final MessageLimits limits;
    private final Clock clock;
    private final AppendConditions appendConditions;
    // groups whose post without a read failed: their next attempt reads (bounded; a stale entry costs one read)
    private final Cache<UUID, Boolean> readFirst = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    @Autowired
    PostMessageGroupHandler(Repository<MessageGroup> messageGroups, EventStore eventStore, ConversationRosters rosters,
                            MessageLimits limits, Clock clock, ObjectProvider<AppendConditions> appendConditions) {
        this(messageGroups, eventStore, rosters, limits, clock,
                appendConditions.getIfAvailable(() -> AppendConditions.NOT_ENFORCED));
    }

    PostMessageGroupHandler(Repository<MessageGroup> messageGroups, EventStore eventStore, ConversationRosters rosters,
                            MessageLimits limits, Clock clock, AppendConditions appendConditions) {
        this.messageGroups = messageGroups;
        this.eventStore = eventStore;
        this.rosters = rosters;
        this.limits = limits;
        this.clock = clock;
        this.appendConditions = appendConditions;
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
        Optional<PostedMessageGroup> withoutRead = postedWithoutRead(command, messageGroupId);
        if (withoutRead.isPresent()) {
            return withoutRead.get();
        }
        // one read where it can: the conversation's new events and this group's first event
        ConversationRosters.RosterWithFirstOf read =
                rosters.currentWithFirstEventOf(command.conversationId(), messageGroupId.toString());
        Optional<PostedMessageGroup> earlier = read.otherRead() ? posted(read.firstOfOther()) : postedBefore(messageGroupId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return post(command, messageGroupId, read.roster());
    }

    /** Decided on the cached roster, stored only if it is still current; empty where a read is needed. */
    private Optional<PostedMessageGroup> postedWithoutRead(PostMessageGroup command, UUID messageGroupId)
            throws Exception {
        if (!appendConditions.enforced() || readFirst.getIfPresent(messageGroupId) != null) {
            return Optional.empty();
        }
        Optional<ConversationRosters.RosterAsOf> cached = rosters.cached(command.conversationId());
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        try {
            requireValid(command, cached.get().roster());
        } catch (CommandRejectedException maybeStale) {
            return Optional.empty(); // the read decides
        }
        new StreamUnchanged(command.conversationId().toString(), cached.get().sequenceNumber())
                .requireOnCurrentUnitOfWork();
        CurrentUnitOfWork.get().root().onRollback(unitOfWork -> readFirst.put(messageGroupId, Boolean.TRUE));
        return Optional.of(create(command, messageGroupId));
    }

    private PostedMessageGroup post(PostMessageGroup command, UUID messageGroupId, Roster roster) throws Exception {
        requireValid(command, roster);
        return create(command, messageGroupId);
    }

    private void requireValid(PostMessageGroup command, Roster roster) {
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
    }

    private PostedMessageGroup create(PostMessageGroup command, UUID messageGroupId) throws Exception {
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
