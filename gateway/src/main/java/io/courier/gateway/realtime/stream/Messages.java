package io.courier.gateway.realtime.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.conversation.ConversationKeysSet;
import io.courier.api.message.MessageGroupDeleted;
import io.courier.api.message.MessageGroupEdited;
import io.courier.api.message.MessageGroupPosted;
import io.courier.gateway.realtime.DisplayNames;
import io.courier.gateway.realtime.tail.TailEvent;

import java.util.UUID;

/** Frames both the user and the conversation streams send alike. */
final class Messages {

    private Messages() {
    }

    /** The subscriber's own copy; a group without one (posted before it joined) is not shown. */
    static Mapped posted(UUID subscriber, MessageGroupPosted posted, TailEvent event, String cursor) {
        String content = posted.encryptedMessages().get(subscriber);
        if (content == null) {
            return null;
        }
        return Mapped.of(new Frame("new_message", cursor, new Payloads.Message(posted.conversationId(),
                posted.messageGroupId(), posted.senderId(), senderName(event), content, posted.sentAt(), null, false)));
    }

    /** The edit event does not repeat when the group was sent: {@code sentAt} is null in this frame. */
    static Mapped edited(UUID subscriber, MessageGroupEdited edited, TailEvent event, String cursor) {
        String content = edited.encryptedMessages().get(subscriber);
        if (content == null) {
            return null;
        }
        return Mapped.of(new Frame("edit_message", cursor, new Payloads.Message(edited.conversationId(),
                edited.messageGroupId(), edited.senderId(), senderName(event), content, null, edited.editedAt(), false)));
    }

    static Mapped deleted(MessageGroupDeleted deleted, String cursor) {
        return Mapped.of(new Frame("delete_message", cursor,
                new Payloads.MessageDeleted(deleted.conversationId(), deleted.messageGroupId(), deleted.deletedAt())));
    }

    static Mapped keysSet(ConversationKeysSet set, TailEvent event, String cursor) {
        JsonNode publicKey = event.routed().detail() instanceof JsonNode key ? key : null;
        return Mapped.of(new Frame("keys_set", cursor, new Payloads.KeysSet(set.conversationId(), set.userId(), publicKey)));
    }

    private static String senderName(TailEvent event) {
        return DisplayNames.shown(event.routed().detail() instanceof EventRouting.Sender sender ? sender.name() : null);
    }
}
