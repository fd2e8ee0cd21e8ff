package io.courier.gateway.web;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.UUID;

/** The signed-in user behind an access token. */
public final class CallerId {

    private CallerId() {
    }

    public static UUID of(Jwt principal) {
        return UUID.fromString(principal.getSubject());
    }
}
