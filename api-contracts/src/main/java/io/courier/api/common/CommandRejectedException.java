package io.courier.api.common;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command side's "no": the command was valid in shape but breaks a rule. Nothing was stored.
 * Its message is meant for the end user and never contains secrets; {@link #details()} names what a
 * client needs to fix it (e.g. the members without keys), as lists of strings under stable names.
 */
public class CommandRejectedException extends RuntimeException {

    private final RejectionCode code;
    private final Map<String, List<String>> details;

    public CommandRejectedException(RejectionCode code, String message) {
        this(code, message, Map.of());
    }

    public CommandRejectedException(RejectionCode code, String message, Map<String, List<String>> details) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public RejectionCode code() {
        return code;
    }

    public Map<String, List<String>> details() {
        return details;
    }
}
