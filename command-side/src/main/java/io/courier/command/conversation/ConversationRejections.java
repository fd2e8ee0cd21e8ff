package io.courier.command.conversation;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The ways the conversation rules say no, worded once. */
final class ConversationRejections {

    private ConversationRejections() {
    }

    /** For anyone but a current member, and for everyone once it is closed: never a distinct "forbidden". */
    static CommandRejectedException notFound() {
        return new CommandRejectedException(RejectionCode.NOT_FOUND, "Conversation not found");
    }

    static CommandRejectedException notAGroup() {
        return new CommandRejectedException(RejectionCode.NOT_A_GROUP,
                "Private conversations have no alias, and their members never change");
    }

    static CommandRejectedException invalidRequest(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_REQUEST, message);
    }

    static CommandRejectedException unknownUsers(Collection<UUID> userIds) {
        return new CommandRejectedException(RejectionCode.UNKNOWN_USERS, "Some users don't exist",
                Map.of("unknownUserIds", sorted(userIds)));
    }

    static CommandRejectedException tooManyMembers(int maxMembers) {
        return new CommandRejectedException(RejectionCode.TOO_MANY_MEMBERS,
                "A group has at most " + maxMembers + " members");
    }

    static List<String> sorted(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().toList();
    }
}
