package io.courier.gateway.realtime.stream;

/** A user's new display name, opened once per event (it is stored sealed under the user's data key). */
public record Renamed(String name) {
}
