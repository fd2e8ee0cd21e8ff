package io.courier.api.account;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Change the profile fields that are not null; the others keep their values. */
public record UpdateProfile(UUID userId, String displayName, BigDecimal textMagnification, String theme,
                            Boolean hidden, List<String> recents) implements UserCommand {
}
