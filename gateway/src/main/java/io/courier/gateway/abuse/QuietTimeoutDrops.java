package io.courier.gateway.abuse;

import io.netty.handler.timeout.TimeoutException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Reactor Netty reports a stalled body's read timeout twice: once to the request (answered 408) and
 * once more after that request is over, which Reactor logs as an error with no stack. Under a
 * slow-client attack that is one error line per attacking socket, so those repeats go to debug;
 * every other dropped error is still logged as an error.
 */
@Component
class QuietTimeoutDrops {

    private static final Logger log = LoggerFactory.getLogger(QuietTimeoutDrops.class);

    QuietTimeoutDrops() {
        Hooks.onErrorDropped(dropped -> {
            if (dropped instanceof TimeoutException) {
                log.debug("Timeout reported again after its request ended", dropped);
            } else {
                log.error("Error dropped by a reactive operator", dropped);
            }
        });
    }

    @PreDestroy
    void restoreDefault() {
        Hooks.resetOnErrorDropped();
    }
}
