package io.courier.command.account;

import io.courier.api.account.Theme;
import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The rules of each profile field, each refused with its own code so a form can show it at the field. */
final class ProfileFields {

    static final BigDecimal MIN_MAGNIFICATION = new BigDecimal("0.7");
    static final BigDecimal MAX_MAGNIFICATION = new BigDecimal("1.4");
    static final BigDecimal DEFAULT_MAGNIFICATION = new BigDecimal("1.0");
    static final int MAX_RECENTS = 20;
    static final int MAX_PAGE_LENGTH = 200;

    private ProfileFields() {
    }

    /** 0.7 to 1.4 in steps of 0.1, stored with one decimal ({@code 1.10} is {@code 1.1}, {@code 1.05} is refused). */
    static BigDecimal textMagnification(BigDecimal requested) {
        if (requested.compareTo(MIN_MAGNIFICATION) < 0 || requested.compareTo(MAX_MAGNIFICATION) > 0
                || requested.stripTrailingZeros().scale() > 1) {
            throw new CommandRejectedException(RejectionCode.INVALID_TEXT_MAGNIFICATION,
                    "Text magnification must be 0.7 to 1.4, with one decimal");
        }
        return requested.setScale(1, RoundingMode.UNNECESSARY);
    }

    static Theme theme(String requested) {
        return Theme.fromApiName(requested).orElseThrow(() -> new CommandRejectedException(RejectionCode.INVALID_THEME,
                "Theme must be auto, day or night"));
    }

    /** A whole list, newest first: each page valid, no page twice, at most {@value #MAX_RECENTS}. */
    static List<String> recents(List<String> requested) {
        if (requested.size() > MAX_RECENTS) {
            throw invalidRecents("At most " + MAX_RECENTS + " recently viewed pages are kept");
        }
        List<String> pages = requested.stream().map(ProfileFields::page).toList();
        if (new LinkedHashSet<>(pages).size() != pages.size()) {
            throw invalidRecents("A page is listed twice");
        }
        return pages;
    }

    static String page(String requested) {
        if (requested == null || requested.isBlank() || UnicodeText.containsControlOrFormatCharacters(requested)) {
            throw invalidRecents("A page must be text without control or invisible formatting characters");
        }
        if (requested.codePointCount(0, requested.length()) > MAX_PAGE_LENGTH) {
            throw invalidRecents("A page must be at most " + MAX_PAGE_LENGTH + " characters long");
        }
        return requested;
    }

    /** {@code page} moved to the front, the oldest dropped beyond the bound. */
    static List<String> visited(List<String> recents, String page) {
        List<String> updated = new ArrayList<>(recents.size() + 1);
        updated.add(page);
        recents.stream().filter(earlier -> !earlier.equals(page)).forEach(updated::add);
        return updated.size() > MAX_RECENTS ? updated.subList(0, MAX_RECENTS) : updated;
    }

    private static CommandRejectedException invalidRecents(String message) {
        return new CommandRejectedException(RejectionCode.INVALID_RECENTS, message);
    }
}
