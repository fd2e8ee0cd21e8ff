package io.courier.api.common;

import java.util.Objects;

/**
 * The command side's "no": the command was valid in shape but breaks a rule. Nothing was stored.
 * Its message is meant for the end user and never contains secrets.
 */
public class CommandRejectedException extends RuntimeException {

    private final RejectionCode code;

    public CommandRejectedException(RejectionCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RejectionCode code() {
        return code;
    }
}
