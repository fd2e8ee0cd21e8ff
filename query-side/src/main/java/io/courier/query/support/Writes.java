package io.courier.query.support;

import java.time.Duration;

/** Projections write synchronously on their processor's thread; a stuck write fails the batch, which is retried. */
public final class Writes {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Writes() {
    }
}
