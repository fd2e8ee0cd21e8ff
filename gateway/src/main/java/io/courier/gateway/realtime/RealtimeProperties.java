package io.courier.gateway.realtime;

import io.courier.gateway.abuse.Rate;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the real-time gateway ({@code courier.realtime.*}, see application.yml for the variables).
 *
 * @param tcpPort        RSocket over TCP on this port as well as over WebSocket at {@code /rsocket}; -1: no TCP,
 *                       0: any free port (tests)
 * @param streamBuffer   frames a stream holds for a client that has not asked for them; past it the stream ends
 *                       with {@code slow_consumer}
 * @param windowEvents   most recent events kept in memory, so that a short resume needs no database read
 * @param windowBytes    bound of that window in (estimated) bytes: message groups can be megabytes
 * @param typing         typing notices a user may send, per conversation and per user
 * @param heartbeat      how often this node tells the database it is alive (presence of its connections)
 * @param nodeTimeout    a node silent this long is taken for dead: its users drop out of presence
 * @param nameCacheSize  display names kept in memory
 */
@ConfigurationProperties("courier.realtime")
public record RealtimeProperties(int tcpPort, int streamBuffer, int windowEvents, long windowBytes, String typing,
                                 Duration heartbeat, Duration nodeTimeout, int nameCacheSize) {

    public RealtimeProperties {
        if (tcpPort < -1 || tcpPort > 65535) {
            throw new IllegalArgumentException("RSOCKET_PORT must be a port number, or empty for none; got " + tcpPort);
        }
        if (streamBuffer < 16 || streamBuffer > 100_000) {
            throw new IllegalArgumentException("REALTIME_STREAM_BUFFER must be between 16 and 100000, got " + streamBuffer);
        }
        if (windowEvents < 0 || windowEvents > 1_000_000) {
            throw new IllegalArgumentException("courier.realtime.window-events must be between 0 and 1000000, got "
                    + windowEvents);
        }
        if (windowBytes < 0) {
            throw new IllegalArgumentException("courier.realtime.window-bytes must not be negative, got " + windowBytes);
        }
        typingRate(typing);
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("courier.realtime.heartbeat must be positive, got " + heartbeat);
        }
        if (nodeTimeout == null || nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("courier.realtime.node-timeout must be at least twice the heartbeat, got "
                    + nodeTimeout);
        }
        if (nameCacheSize < 0) {
            throw new IllegalArgumentException("courier.realtime.name-cache-size must not be negative");
        }
    }

    public Rate typingRate() {
        return typingRate(typing);
    }

    private static Rate typingRate(String text) {
        return Rate.parse(text, "REALTIME_TYPING_RATE");
    }
}
