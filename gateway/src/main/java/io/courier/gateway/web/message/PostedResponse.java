package io.courier.gateway.web.message;

import io.courier.api.message.PostedMessageGroup;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** The answer to a post, by the controller and by {@link DirectPosting} alike. */
record PostedResponse(UUID messageGroupId, Instant sentAt) {

    static PostedResponse of(PostedMessageGroup posted) {
        return new PostedResponse(posted.messageGroupId(), posted.sentAt());
    }

    /** Where the posted group is, for the answer's {@code Location}. */
    static URI location(UUID conversationId, PostedMessageGroup posted) {
        return URI.create("/api/conversations/" + conversationId + "/messages/" + posted.messageGroupId());
    }
}
