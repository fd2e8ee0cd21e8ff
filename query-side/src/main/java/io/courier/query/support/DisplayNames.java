package io.courier.query.support;

/**
 * Display names are looked up in {@code account_view} when a read model is read, never copied into it,
 * so a renamed user shows the new name everywhere at once.
 */
public final class DisplayNames {

    /** Shown for a member or sender whose account no longer exists. */
    public static final String DELETED_USER = "deleted user";

    private DisplayNames() {
    }

    /** {@code displayName} as read through a LEFT JOIN on {@code account_view}: null when the account is gone. */
    public static String shown(String displayName) {
        return displayName == null ? DELETED_USER : displayName;
    }
}
