package io.courier.gateway.realtime.stream;

import io.courier.api.account.DisplayNameChanged;
import io.courier.api.account.SealedFields;
import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.MemberView;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.command.conversation.ConversationRosters;
import io.courier.command.conversation.Roster;
import io.courier.gateway.conversation.KeyPairs;
import io.courier.gateway.realtime.DisplayNames;
import io.courier.gateway.realtime.tail.EventRouter;
import io.courier.gateway.realtime.tail.Routed;
import io.courier.gateway.realtime.tail.StreamKey;
import io.courier.vault.KeyVault;
import io.courier.vault.PersonalData;
import io.courier.vault.SealingContexts;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whom each event is for, decided once per event for all subscribers. A message group goes to its recipients'
 * user streams (the recipients are the members when it was posted) and to the conversation's streams; changes of
 * a conversation go to its current members (the lock-free roster reader, always caught up with the store) and, for
 * a member who left, to that member as well. Display names and public keys are looked up here, once.
 */
@Component
class EventRouting implements EventRouter {

    private static final long SMALL = 256;
    private static final long PER_RECIPIENT = 96;

    private final ConversationRosters rosters;
    private final DisplayNames names;
    private final KeyVault vault;
    private final KeyPairs keyPairs;
    private final PersonalData personalData;

    EventRouting(ConversationRosters rosters, DisplayNames names, KeyVault vault, KeyPairs keyPairs,
                 PersonalData personalData) {
        this.rosters = rosters;
        this.names = names;
        this.vault = vault;
        this.keyPairs = keyPairs;
        this.personalData = personalData;
    }

    /** What a new member is told of the conversation it is now in. */
    record ConversationDetail(boolean isPrivate, String alias, List<MemberView> members) {
    }

    /** A message group's sender as frames name it. */
    record Sender(String name) {
    }

    @Override
    public Routed route(Object payload, Instant timestamp) {
        if (payload instanceof MessageGroupPosted posted) {
            return new Routed(withConversation(users(posted.encryptedMessages().keySet()), posted.conversationId()),
                    new Sender(names.of(posted.senderId())), weigh(posted.encryptedMessages()));
        }
        if (payload instanceof MessageGroupEdited edited) {
            return new Routed(withConversation(users(edited.encryptedMessages().keySet()), edited.conversationId()),
                    new Sender(names.of(edited.senderId())), weigh(edited.encryptedMessages()));
        }
        if (payload instanceof MessageGroupDeleted deleted) {
            return toMembers(deleted.conversationId(), null, null);
        }
        if (payload instanceof PrivateConversationStarted started) {
            List<UUID> members = List.of(started.startedBy(), started.otherUserId());
            return new Routed(withConversation(users(members), started.conversationId()),
                    new ConversationDetail(true, null, named(members)), SMALL);
        }
        if (payload instanceof GroupConversationStarted started) {
            return new Routed(withConversation(users(started.memberIds()), started.conversationId()),
                    new ConversationDetail(false, started.alias(), named(started.memberIds())), SMALL);
        }
        if (payload instanceof ConversationMembersAdded added) {
            Roster roster = rosters.current(added.conversationId());
            Set<UUID> audience = new LinkedHashSet<>(roster.memberIds());
            audience.addAll(added.memberIds());
            return new Routed(withConversation(users(audience), added.conversationId()),
                    new ConversationDetail(roster.privateConversation(), roster.alias(), named(roster.memberIds())),
                    SMALL + PER_RECIPIENT * audience.size());
        }
        if (payload instanceof ConversationMemberLeft left) {
            return toMembers(left.conversationId(), left.userId(), null);
        }
        if (payload instanceof ConversationKeysSet set) {
            String publicKey = vault.open(set.keys().sealedPublicKey(),
                    SealingContexts.conversationPublicKey(set.conversationId(), set.userId()));
            return toMembers(set.conversationId(), null, keyPairs.toJson(publicKey));
        }
        if (payload instanceof ConversationAliasChanged changed) {
            return new Routed(Set.of(StreamKey.conversation(changed.conversationId())), null, SMALL);
        }
        if (payload instanceof ConversationRead read) {
            return new Routed(Set.of(StreamKey.conversation(read.conversationId())), null, SMALL);
        }
        if (payload instanceof ConversationClosed closed) {
            return new Routed(Set.of(StreamKey.conversation(closed.conversationId())), null, SMALL);
        }
        if (payload instanceof DisplayNameChanged renamed) {
            String name = personalData.open(renamed.userId(), SealedFields.DISPLAY_NAME, renamed.sealedDisplayName())
                    .orElse(null);
            return name == null ? Routed.NOBODY : new Routed(Set.of(StreamKey.SYSTEM), new Renamed(name), SMALL);
        }
        return Routed.NOBODY;
    }

    private Routed toMembers(UUID conversationId, UUID alsoTell, Object detail) {
        Roster roster = rosters.current(conversationId);
        Set<UUID> audience = new LinkedHashSet<>(roster.memberIds());
        if (alsoTell != null) {
            audience.add(alsoTell);
        }
        return new Routed(withConversation(users(audience), conversationId), detail,
                SMALL + PER_RECIPIENT * audience.size());
    }

    private List<MemberView> named(Collection<UUID> userIds) {
        return userIds.stream().map(id -> new MemberView(id, DisplayNames.shown(names.of(id)))).toList();
    }

    private static Set<StreamKey> users(Collection<UUID> userIds) {
        Set<StreamKey> keys = new HashSet<>(userIds.size() * 2 + 2);
        userIds.forEach(id -> keys.add(StreamKey.user(id)));
        return keys;
    }

    private static Set<StreamKey> withConversation(Set<StreamKey> keys, UUID conversationId) {
        keys.add(StreamKey.conversation(conversationId));
        return keys;
    }

    /** Ciphertexts are ASCII (base64): about a byte each, twice that as Java strings in the worst case. */
    private static long weigh(Map<UUID, String> ciphertexts) {
        long bytes = SMALL;
        for (String ciphertext : ciphertexts.values()) {
            bytes += PER_RECIPIENT + ciphertext.length();
        }
        return bytes;
    }
}
