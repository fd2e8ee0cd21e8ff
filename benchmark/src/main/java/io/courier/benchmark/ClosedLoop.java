package io.courier.benchmark;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop load: each client sends its next request as soon as the previous one is answered.
 * Latencies are recorded only after the warm-up, so JIT compilation and pool growth don't count.
 */
final class ClosedLoop {

    /** One client's work: returns true when the call succeeded as expected. */
    interface Client {
        boolean call() throws Exception;
    }

    record Figures(long operations, long failures, double perSecond, Histogram latencies) {

        String describe(String label) {
            return String.format("%-44s %8.0f ops/s  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d ops, %d failed)",
                    label, perSecond, millis(50), millis(99), latencies.getMaxValue() / 1e6, operations, failures);
        }

        double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private ClosedLoop() {
    }

    static Figures run(int clients, Supplier<Client> setUp, Duration warmup, Duration duration) throws InterruptedException {
        List<Client> prepared = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            prepared.add(setUp.get());
        }
        Recorder recorder = new Recorder(3);
        AtomicLong operations = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (Client client : prepared) {
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = client.call();
                        } catch (Exception e) {
                            ok = false;
                        }
                        long after = System.nanoTime();
                        if (before >= measureFrom && after <= end) {
                            recorder.recordValue(after - before);
                            operations.incrementAndGet();
                            if (!ok) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-client");
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        Histogram latencies = recorder.getIntervalHistogram();
        return new Figures(operations.get(), failures.get(), operations.get() / (duration.toNanos() / 1e9), latencies);
    }
}
