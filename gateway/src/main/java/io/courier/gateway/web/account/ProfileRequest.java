package io.courier.gateway.web.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Shape checks only (a field left out or null keeps its value); the command side decides what a valid name,
 * magnification, theme or page is, each with its own code.
 */
record ProfileRequest(@Size(max = 256) String displayName,
                      BigDecimal textMagnification,
                      @Size(max = 32) String theme,
                      Boolean hidden,
                      @Size(max = 100) List<@NotNull @Size(max = 1000) String> recents) {
}
