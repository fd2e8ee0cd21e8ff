package io.courier.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysResealed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.conversation.SealedKeyPair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is in a conversation and what it is: members in join order, private or group, alias, closed, and the
 * sealed key pair of each member that has set one. Immutable: every event yields a new roster, so one
 * fold ({@link #apply(Object)} and the withers it calls) serves both the {@link Conversation} aggregate's
 * event sourcing handlers and the lock-free {@link ConversationRosters} the message handlers read.
 * <p>
 * Part of the aggregate's snapshots (JSON, by field): a change of its shape means a new {@code @Revision}
 * on {@link Conversation}.
 *
 * @param memberIds the current members, in the order they joined
 * @param keys      the sealed key pair of each current member that has set one
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record Roster(boolean privateConversation, String alias, List<UUID> memberIds, Map<UUID, SealedKeyPair> keys,
                     boolean closed) {

    /** Before the first event: nobody is a member. */
    public static final Roster NONE = new Roster(false, null, List.of(), Map.of(), false);

    /**
     * Stands for a key pair whose material a roster does not hold (see {@link #withoutKeyMaterial()}).
     * The vault never seals to an empty text, so it can't be mistaken for a real one.
     */
    static final SealedKeyPair KEY_MATERIAL_NOT_KEPT = new SealedKeyPair("", "");

    public Roster {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    // --- the fold

    /** The roster after {@code event}; events that don't change it (reads, foreign types) leave it as it is. */
    public Roster apply(Object event) {
        if (event instanceof PrivateConversationStarted started) {
            return started(started);
        } else if (event instanceof GroupConversationStarted started) {
            return started(started);
        } else if (event instanceof ConversationKeysSet set) {
            return withKeys(set.userId(), set.keys());
        } else if (event instanceof ConversationKeysResealed resealed) {
            return withKeys(resealed.userId(), resealed.keys());
        } else if (event instanceof ConversationMembersAdded added) {
            return withMembersAdded(added.memberIds());
        } else if (event instanceof ConversationAliasChanged changed) {
            return withAlias(changed.alias());
        } else if (event instanceof ConversationMemberLeft left) {
            return withoutMember(left.userId());
        } else if (event instanceof ConversationClosed) {
            return asClosed();
        }
        return this;
    }

    Roster started(PrivateConversationStarted event) {
        return new Roster(true, null, List.of(event.startedBy(), event.otherUserId()), Map.of(), false);
    }

    Roster started(GroupConversationStarted event) {
        return new Roster(false, event.alias(), event.memberIds(), Map.of(), false);
    }

    Roster withKeys(UUID memberId, SealedKeyPair sealed) {
        Map<UUID, SealedKeyPair> changed = new HashMap<>(keys);
        changed.put(memberId, sealed);
        return new Roster(privateConversation, alias, memberIds, changed, closed);
    }

    Roster withMembersAdded(List<UUID> added) {
        List<UUID> members = new ArrayList<>(memberIds);
        added.stream().filter(id -> !members.contains(id)).forEach(members::add);
        return new Roster(privateConversation, alias, members, keys, closed);
    }

    Roster withAlias(String changed) {
        return new Roster(privateConversation, changed, memberIds, keys, closed);
    }

    /** A member who leaves takes its keys along: they are never handed out again. */
    Roster withoutMember(UUID memberId) {
        List<UUID> members = new ArrayList<>(memberIds);
        members.remove(memberId);
        Map<UUID, SealedKeyPair> remaining = new HashMap<>(keys);
        remaining.remove(memberId);
        return new Roster(privateConversation, alias, members, remaining, closed);
    }

    Roster asClosed() {
        return new Roster(privateConversation, alias, memberIds, keys, true);
    }

    /**
     * The same roster without the sealed key material, which can be tens of kilobytes per member: readers that
     * only need to know who has keys (posting) keep this form in memory.
     */
    public Roster withoutKeyMaterial() {
        Map<UUID, SealedKeyPair> marks = new HashMap<>();
        keys.keySet().forEach(memberId -> marks.put(memberId, KEY_MATERIAL_NOT_KEPT));
        return new Roster(privateConversation, alias, memberIds, marks, closed);
    }

    // --- questions

    /** A current member of a conversation that is still open: the only one who may see or act on it. */
    public boolean isMember(UUID userId) {
        return !closed && userId != null && memberIds.contains(userId);
    }

    public boolean hasKeys(UUID memberId) {
        return keys.containsKey(memberId);
    }

    Optional<SealedKeyPair> keysOf(UUID memberId) {
        return Optional.ofNullable(keys.get(memberId));
    }

    /** Current members that have not set keys yet, in join order. */
    public List<UUID> membersWithoutKeys() {
        return memberIds.stream().filter(id -> !keys.containsKey(id)).toList();
    }

    /** Every current member has keys: only then can a message be encrypted for all of them. */
    public boolean isReady() {
        return membersWithoutKeys().isEmpty();
    }
}
