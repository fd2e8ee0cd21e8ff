package io.courier.api.account;

import io.courier.api.common.Secret;

/**
 * Check credentials and open a new refresh-token family (a session on one device).
 * Addressed by email: the command side resolves the account, so a login right after
 * registration never depends on a projection having caught up.
 */
public record LogIn(String email, Secret password, SessionClient client) {

    public LogIn(String email, Secret password) {
        this(email, password, SessionClient.UNKNOWN);
    }
}
