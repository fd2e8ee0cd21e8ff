package io.courier.api.account;

import java.util.Locale;
import java.util.Optional;

/** The colour scheme a user picked; {@code AUTO} follows the device. */
public enum Theme {
    AUTO,
    DAY,
    NIGHT;

    /** As the API spells it: {@code auto}, {@code day}, {@code night}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> fromApiName(String name) {
        for (Theme theme : values()) {
            if (theme.apiName().equals(name)) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }
}
