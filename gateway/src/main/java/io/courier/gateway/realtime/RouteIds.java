package io.courier.gateway.realtime;

import java.util.UUID;

/** Ids in routes ({@code user.{id}}, {@code conversation.{id}...}): text that is no id names nothing that exists. */
public final class RouteIds {

    private RouteIds() {
    }

    public static UUID parse(String text, String what) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException notAnId) {
            // below
        }
        throw RealtimeError.notFound(what);
    }
}
