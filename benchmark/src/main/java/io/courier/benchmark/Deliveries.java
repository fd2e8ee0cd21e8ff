package io.courier.benchmark;

import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery latencies as receivers see them. A scenario posts each message group with the receiver's "ciphertext"
 * set to {@code t<nanoTime of the intended send>}: the server never reads ciphertexts, and sender and receivers
 * live in this one JVM, so receipt time minus that is the delivery latency, queueing at the sender included.
 */
final class Deliveries {

    private static final byte[] MARK = "\"content\":\"t".getBytes(StandardCharsets.US_ASCII);

    private final Recorder latencies = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;

    static String stamp(long intendedNanos) {
        return "t" + intendedNanos;
    }

    void measure(long fromNanos, long untilNanos) {
        latencies.reset();
        delivered.set(0);
        measureFrom = fromNanos;
        measureUntil = untilNanos;
    }

    /** A frame arrived on some receiver's stream. */
    void received(byte[] frame) {
        long now = System.nanoTime();
        long sent = stampOf(frame);
        if (sent < 0 || sent < measureFrom || sent > measureUntil) {
            return;
        }
        delivered.incrementAndGet();
        latencies.recordValue(Math.max(0, now - sent));
    }

    void failed() {
        errors.incrementAndGet();
    }

    long delivered() {
        return delivered.get();
    }

    long errors() {
        return errors.get();
    }

    org.HdrHistogram.Histogram histogram() {
        return latencies.getIntervalHistogram();
    }

    private static long stampOf(byte[] frame) {
        outer:
        for (int i = 0; i + MARK.length < frame.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (frame[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int k = i + MARK.length; k < frame.length && frame[k] >= '0' && frame[k] <= '9'; k++) {
                value = value * 10 + (frame[k] - '0');
            }
            return value;
        }
        return -1;
    }

    static String describe(org.HdrHistogram.Histogram histogram) {
        return String.format("p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms", histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
    }
}
