package io.courier.gateway.abuse;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long the server waits for slow or stalled clients ({@code courier.http}), so half-sent
 * requests cannot hold sockets forever. Applied by {@link SlowClientTimeouts}.
 *
 * @param idleTimeout    a connection with no request in progress, including one whose request
 *                       line or headers are still incomplete, is closed after this long
 * @param readTimeout    a request whose body stops arriving for this long is answered 408 and closed
 * @param requestTimeout a request whose body takes longer than this in total is answered 408 and closed
 */
@ConfigurationProperties("courier.http")
public record HttpTimeouts(Duration idleTimeout, Duration readTimeout, Duration requestTimeout) {

    public HttpTimeouts {
        requirePositive(idleTimeout, "HTTP_IDLE_TIMEOUT");
        requirePositive(readTimeout, "HTTP_READ_TIMEOUT");
        requirePositive(requestTimeout, "HTTP_REQUEST_TIMEOUT");
    }

    private static void requirePositive(Duration timeout, String variable) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(variable + " must be a positive duration like 30s, got " + timeout);
        }
    }
}
