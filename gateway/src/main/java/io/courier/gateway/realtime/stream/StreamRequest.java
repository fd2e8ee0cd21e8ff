package io.courier.gateway.realtime.stream;

/** The data of a stream request: optionally the cursor to resume after. */
public record StreamRequest(String after) {
}
