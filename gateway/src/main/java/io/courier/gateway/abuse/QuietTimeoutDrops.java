package io.courier.gateway.abuse;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionDetails;
import io.netty.handler.timeout.TimeoutException;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Reactor Netty reports a stalled body's read timeout twice: once to the request (answered 408) and
 * once more after that request is over, which Reactor logs as an error with no stack. Under a
 * slow-client attack that is one error line per attacking socket, so those repeats go to debug, as do
 * rejections of commands whose request was cancelled meanwhile; every other dropped error is still
 * logged as an error.
 */
@Component
class QuietTimeoutDrops {

    private static final Logger log = LoggerFactory.getLogger(QuietTimeoutDrops.class);

    QuietTimeoutDrops() {
        Hooks.onErrorDropped(dropped -> {
            if (dropped instanceof TimeoutException) {
                log.debug("Timeout reported again after its request ended", dropped);
            } else if (isRejection(dropped)) {
                // a command that ran to its end after its request was cancelled (client gone, server stopping)
                // and said no: an ordinary answer nobody was left to read
                log.debug("Rejection of a cancelled request: {}", dropped.toString());
            } else {
                log.error("Error dropped by a reactive operator", dropped);
            }
        });
    }

    private static boolean isRejection(Throwable dropped) {
        for (Throwable cause = dropped; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException
                    || (cause instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof RejectionDetails)) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void restoreDefault() {
        Hooks.resetOnErrorDropped();
    }
}
