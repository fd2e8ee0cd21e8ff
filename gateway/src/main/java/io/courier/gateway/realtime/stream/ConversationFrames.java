package io.courier.gateway.realtime.stream;

import io.courier.api.conversation.ConversationAliasChanged;
import io.courier.api.conversation.ConversationClosed;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.conversation.ConversationMemberLeft;
import io.courier.api.conversation.ConversationMembersAdded;
import io.courier.api.conversation.ConversationRead;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.gateway.realtime.RealtimeError;
import io.courier.gateway.realtime.tail.TailEvent;

import java.util.Set;
import java.util.UUID;

/**
 * What a member's conversation stream ({@code conversation.{id}}) shows of each event of that conversation. When
 * the member leaves (or the conversation closes) the stream ends with {@code not_found}: from then on, to this
 * user, the conversation does not exist.
 * <p>
 * Live delivery starts where the event tail stood and {@code joined} reads the read models, which have reached at
 * least that far (see {@link ReadModelPositions}) and possibly further: a message group in both is sent once, in
 * the history page.
 */
final class ConversationFrames implements FrameMapper {

    private final UUID userId;
    /** Message groups the {@code joined} frame's history page already holds: not sent again as new. */
    private volatile Set<UUID> inHistory = Set.of();

    ConversationFrames(UUID userId) {
        this.userId = userId;
    }

    void inHistory(Set<UUID> messageGroupIds) {
        inHistory = Set.copyOf(messageGroupIds);
    }

    boolean isInHistory(Frame frame) {
        return frame.event().equals("new_message") && frame.payload() instanceof Payloads.Message message
                && inHistory.contains(message.messageGroupId());
    }

    @Override
    public Mapped map(TailEvent event, String cursor) {
        Object payload = event.payload();
        if (payload instanceof MessageGroupPosted posted) {
            return inHistory.contains(posted.messageGroupId()) ? null : Messages.posted(userId, posted, event, cursor);
        }
        if (payload instanceof MessageGroupEdited edited) {
            return Messages.edited(userId, edited, event, cursor);
        }
        if (payload instanceof MessageGroupDeleted deleted) {
            return Messages.deleted(deleted, cursor);
        }
        if (payload instanceof ConversationAliasChanged changed) {
            return Mapped.of(new Frame("update_alias", cursor,
                    new Payloads.AliasUpdated(changed.conversationId(), changed.alias())));
        }
        if (payload instanceof ConversationMembersAdded added) {
            return Mapped.of(new Frame("members_added", cursor,
                    new Payloads.MembersAdded(added.conversationId(), added.memberIds())));
        }
        if (payload instanceof ConversationMemberLeft left) {
            Frame frame = new Frame("member_left", cursor, new Payloads.MemberLeft(left.conversationId(), left.userId()));
            return new Mapped(frame, left.userId().equals(userId) ? RealtimeError.notFound("Conversation") : null);
        }
        if (payload instanceof ConversationKeysSet set) {
            return Messages.keysSet(set, event, cursor);
        }
        if (payload instanceof ConversationRead read) {
            return Mapped.of(new Frame("read_conversation", cursor,
                    new Payloads.ConversationRead(read.conversationId(), read.userId(), read.readAt())));
        }
        if (payload instanceof ConversationClosed) {
            return new Mapped(null, RealtimeError.notFound("Conversation"));
        }
        return null;
    }
}
