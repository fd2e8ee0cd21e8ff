package io.courier.gateway.config;

/** Start-up refused because of the environment; reported by {@link InvalidConfigurationFailureAnalyzer}. */
public class InvalidConfigurationException extends RuntimeException {

    private static final String SET_VARIABLES =
            "Set the environment variables named above; the README's configuration table describes each.";

    private final String action;

    public InvalidConfigurationException(String message) {
        this(message, SET_VARIABLES);
    }

    /** @param action what the operator should do, shown under "Action" in the start-up failure report */
    public InvalidConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
