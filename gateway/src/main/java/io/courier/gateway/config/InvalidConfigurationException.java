package io.courier.gateway.config;

/** Start-up refused because of the environment; reported by {@link InvalidConfigurationFailureAnalyzer}. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
