package io.courier.gateway.realtime.stream;

import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.GroupConversationStarted;
import io.courier.api.conversation.PrivateConversationStarted;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.gateway.realtime.tail.TailEvent;

import java.util.UUID;

/** What one user's own stream ({@code user.{id}}) shows of each event: only that user's ciphertexts. */
final class UserFrames implements FrameMapper {

    private final UUID userId;

    UserFrames(UUID userId) {
        this.userId = userId;
    }

    @Override
    public Mapped map(TailEvent event, String cursor) {
        Object payload = event.payload();
        if (payload instanceof MessageGroupPosted posted) {
            return Messages.posted(userId, posted, event, cursor);
        }
        if (payload instanceof MessageGroupEdited edited) {
            return Messages.edited(userId, edited, event, cursor);
        }
        if (payload instanceof MessageGroupDeleted deleted) {
            return Messages.deleted(deleted, cursor);
        }
        if (payload instanceof PrivateConversationStarted started) {
            return newConversation(started.conversationId(), event, cursor);
        }
        if (payload instanceof GroupConversationStarted started) {
            return newConversation(started.conversationId(), event, cursor);
        }
        if (payload instanceof ConversationMembersAdded added) {
            return added.memberIds().contains(userId) ? newConversation(added.conversationId(), event, cursor)
                    : Mapped.of(new Frame("members_added", cursor,
                    new Payloads.MembersAdded(added.conversationId(), added.memberIds())));
        }
        if (payload instanceof ConversationMemberLeft left) {
            return Mapped.of(new Frame("member_left", cursor, new Payloads.MemberLeft(left.conversationId(), left.userId())));
        }
        if (payload instanceof ConversationKeysSet set) {
            return Messages.keysSet(set, event, cursor);
        }
        return null;
    }

    private static Mapped newConversation(UUID conversationId, TailEvent event, String cursor) {
        if (!(event.routed().detail() instanceof EventRouting.ConversationDetail detail)) {
            return null;
        }
        return Mapped.of(new Frame("new_conversation", cursor,
                new Payloads.NewConversation(conversationId, detail.isPrivate(), detail.alias(), detail.members())));
    }
}
