package io.courier.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.conversation.AddConversationMembers;
import io.courier.api.conversation.ChangeConversationAlias;
import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.RemoveDeletedMember;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.KeyPair;
import io.courier.api.conversation.LeaveConversation;
import io.courier.api.conversation.MarkConversationRead;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.conversation.SealedKeyPair;
import io.courier.api.conversation.SetConversationKeys;
import io.courier.api.conversation.StartGroupConversation;
import io.courier.command.time.Timestamps;
import io.courier.vault.KeyVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static io.courier.command.conversation.ConversationRejections.invalidRequest;
import static io.courier.command.conversation.ConversationRejections.notAGroup;
import static io.courier.command.conversation.ConversationRejections.notFound;
import static io.courier.command.conversation.ConversationRejections.tooManyMembers;
import static io.courier.command.conversation.ConversationRejections.unknownUsers;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation's membership, alias and members' keys: everything that decides who may read and write
 * in it. Its messages are not part of it.
 * <p>
 * <b>Aggregate boundaries.</b> Each message group is an aggregate of its own ({@code MessageGroup}), and
 * posting reads this aggregate's {@link Roster} through {@link ConversationRosters}, lock-free and brought up
 * to date by reading only the events it has not seen, instead of loading this aggregate. So posting never
 * takes this aggregate's lock (64 senders in one conversation don't queue behind each other) and never reads
 * the conversation's history: its cost does not grow with the number of messages. The price is that a post
 * racing a membership change is decided on the roster just before that change, as if it had come first.
 * This stream grows only with conversation commands; read markers make it grow steadily, hence a cached
 * repository with snapshots. See {@code docs/aggregates.md}.
 * <p>
 * Anyone who is not a current member is told the conversation does not exist, and once the last member
 * has left (closed), everyone is. Key pairs enter events only sealed by the {@link KeyVault}.
 * <p>
 * The snapshot revision changes whenever the shape of this state (or of {@link Roster}) does.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver", repository = "conversationRepository")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Conversation {

    @AggregateIdentifier
    private UUID conversationId;
    private Roster roster = Roster.NONE;

    protected Conversation() {
        // for Axon's event sourcing and snapshot deserialisation
    }

    @CommandHandler
    public Conversation(StartGroupConversation command, UserDirectory users, ConversationLimits limits,
                        KeyVault vault, Clock clock) {
        if (command.conversationId() == null || command.userId() == null) {
            throw invalidRequest("A conversation id and its creator are required");
        }
        Set<UUID> members = new LinkedHashSet<>();
        members.add(command.userId());
        if (command.memberIds() != null) {
            for (UUID memberId : command.memberIds()) {
                if (memberId == null) {
                    throw invalidRequest("Member ids must not be null");
                }
                members.add(memberId);
            }
        }
        String alias = ConversationAlias.normalise(command.alias());
        ConversationKeys.validate(command.keys(), limits);
        if (members.size() > limits.maxMembers()) {
            throw tooManyMembers(limits.maxMembers());
        }
        Set<UUID> unknown = users.unknownAmong(members);
        if (!unknown.isEmpty()) {
            throw unknownUsers(unknown);
        }
        Instant now = Timestamps.now(clock);
        apply(new GroupConversationStarted(command.conversationId(), command.userId(), List.copyOf(members), alias,
                now));
        apply(new ConversationKeysSet(command.conversationId(), command.userId(),
                ConversationKeys.seal(command.keys(), command.conversationId(), command.userId(), vault), now));
    }

    /**
     * A private conversation, started by {@link StartPrivateConversationHandler} once it has claimed the pair;
     * the starter's keys come with it, the other user sets its own later.
     */
    Conversation(UUID conversationId, UUID startedBy, UUID otherUserId, SealedKeyPair starterKeys, Instant now) {
        apply(new PrivateConversationStarted(conversationId, startedBy, otherUserId, now));
        apply(new ConversationKeysSet(conversationId, startedBy, starterKeys, now));
    }

    /** Sets or replaces (rotates) the caller's key pair. */
    @CommandHandler
    public void handle(SetConversationKeys command, ConversationLimits limits, KeyVault vault, Clock clock) {
        requireMember(command.userId());
        ConversationKeys.validate(command.keys(), limits);
        apply(new ConversationKeysSet(conversationId, command.userId(),
                ConversationKeys.seal(command.keys(), conversationId, command.userId(), vault),
                Timestamps.now(clock)));
    }

    /**
     * The second user of a private conversation "starting" it: sets its keys if it has none yet, and never
     * replaces keys it has (that is {@link SetConversationKeys}). Keys are validated by the caller.
     */
    void setKeysIfMissing(UUID userId, KeyPair keys, KeyVault vault, Clock clock) {
        requireMember(userId);
        if (!roster.hasKeys(userId)) {
            apply(new ConversationKeysSet(conversationId, userId, ConversationKeys.seal(keys, conversationId, userId,
                    vault), Timestamps.now(clock)));
        }
    }

    /** New members have no keys: the conversation is not ready until each has set its own. */
    @CommandHandler
    public void handle(AddConversationMembers command, UserDirectory users, ConversationLimits limits, Clock clock) {
        requireMember(command.userId());
        requireGroup();
        if (command.newMemberIds() == null || command.newMemberIds().isEmpty()) {
            throw invalidRequest("Name at least one user to add");
        }
        List<UUID> added = new ArrayList<>();
        for (UUID memberId : new LinkedHashSet<>(command.newMemberIds())) {
            if (memberId == null) {
                throw invalidRequest("Member ids must not be null");
            }
            if (!roster.memberIds().contains(memberId)) {
                added.add(memberId);
            }
        }
        if (added.isEmpty()) {
            return; // all of them are members already
        }
        if (roster.memberIds().size() + added.size() > limits.maxMembers()) {
            throw tooManyMembers(limits.maxMembers());
        }
        Set<UUID> unknown = users.unknownAmong(added);
        if (!unknown.isEmpty()) {
            throw unknownUsers(unknown);
        }
        apply(new ConversationMembersAdded(conversationId, command.userId(), List.copyOf(added),
                Timestamps.now(clock)));
    }

    @CommandHandler
    public void handle(ChangeConversationAlias command, Clock clock) {
        requireMember(command.userId());
        requireGroup();
        String alias = ConversationAlias.normalise(command.alias());
        if (!Objects.equals(alias, roster.alias())) {
            apply(new ConversationAliasChanged(conversationId, command.userId(), alias, Timestamps.now(clock)));
        }
    }

    /** The leaver's keys go with it; the last one out closes the conversation for good. */
    @CommandHandler
    public void handle(LeaveConversation command, Clock clock) {
        requireMember(command.userId());
        requireGroup();
        Instant now = Timestamps.now(clock);
        apply(new ConversationMemberLeft(conversationId, command.userId(), now));
        if (roster.memberIds().isEmpty()) {
            apply(new ConversationClosed(conversationId, now));
        }
    }

    /**
     * A deleted account leaves every conversation, private ones too: posting must not go on requiring a ciphertext
     * for someone who no longer exists. Idempotent, as the policy sending it may deliver it again.
     */
    @CommandHandler
    public void handle(RemoveDeletedMember command, Clock clock) {
        if (roster.closed() || !roster.isMember(command.userId())) {
            return;
        }
        Instant now = Timestamps.now(clock);
        apply(new ConversationMemberLeft(conversationId, command.userId(), now));
        if (roster.memberIds().isEmpty()) {
            apply(new ConversationClosed(conversationId, now));
        }
    }

    /** Always an event: the read time moves on even when nothing new arrived. */
    @CommandHandler
    public void handle(MarkConversationRead command, Clock clock) {
        requireMember(command.userId());
        apply(new ConversationRead(conversationId, command.userId(), Timestamps.now(clock)));
    }

    /**
     * After a vault key rotation: each current member's key pair not sealed under the vault's current key is
     * opened (with the older key, still configured) and sealed again. Invoked by
     * {@link ResealConversationKeysHandler}; closed conversations are not found, like for every other command.
     */
    void resealKeys(KeyVault vault, Clock clock) {
        if (roster.closed()) {
            throw notFound();
        }
        Instant now = Timestamps.now(clock);
        for (UUID memberId : roster.memberIds()) {
            roster.keysOf(memberId)
                    .filter(sealed -> !ConversationKeys.isSealedWithCurrentKey(sealed, vault))
                    .ifPresent(sealed -> apply(new ConversationKeysResealed(conversationId, memberId,
                            ConversationKeys.reseal(sealed, conversationId, memberId, vault), now)));
        }
    }

    /** For the lock-free reader, which starts from this aggregate's latest snapshot. */
    Roster roster() {
        return roster;
    }

    private void requireMember(UUID userId) {
        if (!roster.isMember(userId)) {
            throw notFound();
        }
    }

    private void requireGroup() {
        if (roster.privateConversation()) {
            throw notAGroup();
        }
    }

    // --- one fold for this aggregate and the lock-free reader: Roster's

    @EventSourcingHandler
    void on(PrivateConversationStarted event) {
        conversationId = event.conversationId();
        roster = roster.started(event);
    }

    @EventSourcingHandler
    void on(GroupConversationStarted event) {
        conversationId = event.conversationId();
        roster = roster.started(event);
    }

    @EventSourcingHandler
    void on(ConversationKeysSet event) {
        roster = roster.withKeys(event.userId(), event.keys());
    }

    @EventSourcingHandler
    void on(ConversationKeysResealed event) {
        roster = roster.withKeys(event.userId(), event.keys());
    }

    @EventSourcingHandler
    void on(ConversationMembersAdded event) {
        roster = roster.withMembersAdded(event.memberIds());
    }

    @EventSourcingHandler
    void on(ConversationAliasChanged event) {
        roster = roster.withAlias(event.alias());
    }

    @EventSourcingHandler
    void on(ConversationMemberLeft event) {
        roster = roster.withoutMember(event.userId());
    }

    @EventSourcingHandler
    void on(ConversationClosed event) {
        roster = roster.asClosed();
    }
}
