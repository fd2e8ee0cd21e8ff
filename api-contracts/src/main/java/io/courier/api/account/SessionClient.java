package io.courier.api.account;

/** The device a login comes from, as the gateway saw it; either part may be null when unknown. */
public record SessionClient(String userAgent, String address) {

    public static final SessionClient UNKNOWN = new SessionClient(null, null);
}
