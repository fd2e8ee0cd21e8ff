package io.courier.api.common;

import java.util.List;
import java.util.Map;

/**
 * What a {@link CommandRejectedException} says, in a form that survives serialization: the details
 * of the {@code CommandExecutionException} a command handler on another node answers with.
 * {@code details} may be null when sent by a node that predates it.
 */
public record RejectionDetails(RejectionCode code, String message, Map<String, List<String>> details) {

    public RejectionDetails(RejectionCode code, String message) {
        this(code, message, Map.of());
    }

    public static RejectionDetails of(CommandRejectedException rejection) {
        return new RejectionDetails(rejection.code(), rejection.getMessage(), rejection.details());
    }

    public CommandRejectedException toException() {
        return new CommandRejectedException(code, message, details);
    }
}
