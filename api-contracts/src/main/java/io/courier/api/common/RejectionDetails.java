package io.courier.api.common;

/**
 * What a {@link CommandRejectedException} says, in a form that survives serialization: the details
 * of the {@code CommandExecutionException} a command handler on another node answers with.
 */
public record RejectionDetails(RejectionCode code, String message) {

    public CommandRejectedException toException() {
        return new CommandRejectedException(code, message);
    }
}
