package io.courier.api.common;

import java.util.Objects;

/**
 * A value that must never appear in logs, toString output or exception messages
 * (passwords, refresh tokens in flight).
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
