package io.courier.benchmark;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A closed-loop load: each client sends its next request as soon as the previous one is answered; or, paced, when
 * it is due.
 * Latencies are recorded only after the warm-up, so JIT compilation and pool growth don't count.
 */
final class ClosedLoop {

    /** One client's work: returns true when the call succeeded as expected. */
    interface Client {
        boolean call() throws Exception;
    }

    /** CPU used so far by the server under test, when the harness can see it. */
    static volatile Supplier<Optional<Duration>> serverCpu = Optional::empty;

    /** CPU used so far by the embedded PostgreSQL of the server under test, when the harness can see it. */
    static volatile Supplier<Optional<Duration>> databaseCpu = Optional::empty;

    record Figures(long operations, long failures, double perSecond, Histogram latencies, Optional<Duration> serverCpu,
                   Optional<Duration> databaseCpu, Duration loadCpu, OptionalDouble machineBusy) {

        String describe(String label) {
            String cpu = serverCpu.map(used -> String.format("  server CPU %.2f ms/op",
                    used.toNanos() / 1e6 / Math.max(1, operations))).orElse("")
                    + databaseCpu.map(used -> String.format("  PostgreSQL CPU %.2f ms/op",
                    used.toNanos() / 1e6 / Math.max(1, operations))).orElse("")
                    // the load shares the machine: what it costs is CPU the server did not get
                    + String.format("  load CPU %.2f ms/op", loadCpu.toNanos() / 1e6 / Math.max(1, operations))
                    + (machineBusy.isPresent() ? String.format("  machine %.0f%% busy", machineBusy.getAsDouble() * 100) : "");
            return String.format("%-44s %8.0f ops/s  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d ops, %d failed)%s",
                    label, perSecond, millis(50), millis(99), latencies.getMaxValue() / 1e6, operations, failures, cpu);
        }

        double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** Print, per scenario, the slowest call of each 100 ms: stalls (a GC pause, a checkpoint) show as runs. */
    static volatile boolean timeline;

    private ClosedLoop() {
    }

    static Figures run(int clients, Supplier<Client> setUp, Duration warmup, Duration duration) throws InterruptedException {
        return run(clients, setUp, warmup, duration, 0);
    }

    /**
     * The same clients, paced to {@code perSecond} calls a second together: each client's calls are due at fixed
     * intervals, and a call's latency counts from when it was due, so a server that falls behind is charged for
     * the wait too (no coordinated omission). 0 means unpaced: each call as soon as the previous one is answered.
     */
    static Figures run(int clients, Supplier<Client> setUp, Duration warmup, Duration duration, int perSecond)
            throws InterruptedException {
        List<Client> prepared = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            prepared.add(setUp.get());
        }
        Tally tally = new Tally(warmup, duration);
        CountDownLatch done = new CountDownLatch(clients);
        long period = period(clients, perSecond);
        for (int index = 0; index < prepared.size(); index++) {
            Client client = prepared.get(index);
            long firstDue = tally.start + period * index / clients;
            Thread worker = new Thread(() -> {
                try {
                    long due = firstDue;
                    while (true) {
                        long before;
                        if (period > 0) {
                            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                                LockSupport.parkNanos(wait);
                            }
                            before = due;
                            due += period;
                        } else {
                            before = System.nanoTime();
                        }
                        if (before >= tally.end) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = client.call();
                        } catch (Exception e) {
                            tally.failed(e);
                            ok = false;
                        }
                        tally.record(before, System.nanoTime(), ok);
                    }
                } catch (Throwable unexpected) {
                    tally.failed(unexpected);
                } finally {
                    done.countDown();
                }
            }, "load-client");
            worker.setDaemon(true);
            worker.start();
        }
        return tally.measure(done::await);
    }

    /**
     * {@link #run(int, Supplier, Duration, Duration, int)} with clients that share one thread
     * ({@link MultiplexedClients}): for the posting and paging scenarios, whose thousands of calls a second would
     * otherwise cost the load generator a thread wake-up for each pacing and each answer.
     */
    static Figures runMultiplexed(URI server, int clients, IntFunction<MultiplexedClients.Requests> setUp,
                                  int expectedStatus, Duration warmup, Duration duration, int perSecond)
            throws InterruptedException {
        List<MultiplexedClients.Requests> prepared = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            prepared.add(setUp.apply(i));
        }
        Tally tally = new Tally(warmup, duration);
        CountDownLatch done = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            try {
                MultiplexedClients.run(server, prepared, expectedStatus, period(clients, perSecond), tally);
            } catch (Throwable unexpected) {
                tally.failed(unexpected);
            } finally {
                done.countDown();
            }
        }, "load-clients");
        loop.setDaemon(true);
        loop.start();
        return tally.measure(done::await);
    }

    /** Nanoseconds between two calls of one client when {@code clients} share {@code perSecond}; 0 unpaced. */
    private static long period(int clients, int perSecond) {
        return perSecond > 0 ? clients * 1_000_000_000L / perSecond : 0;
    }

    interface Await {
        void await() throws InterruptedException;
    }

    /**
     * The calls of one run as the clients report them, each from its start (when it was due, if paced) to its
     * answer; latencies count only after the warm-up, so JIT compilation and pool growth don't.
     */
    static final class Tally {

        final long start = System.nanoTime();
        final long measureFrom;
        final long end;
        private final Recorder recorder = new Recorder(3);
        private final AtomicLongArray slowest;
        private final AtomicLong operations = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        private final Duration duration;

        Tally(Duration warmup, Duration duration) {
            this.duration = duration;
            this.measureFrom = start + warmup.toNanos();
            this.end = measureFrom + duration.toNanos();
            this.slowest = new AtomicLongArray((int) (duration.toMillis() / 100) + 1);
        }

        void record(long before, long after, boolean ok) {
            if (before >= measureFrom && after <= end) {
                if (timeline) {
                    int slot = (int) ((before - measureFrom) / 100_000_000L);
                    if (slot >= 0 && slot < slowest.length()) {
                        slowest.accumulateAndGet(slot, after - before, Math::max);
                    }
                }
                recorder.recordValue(after - before);
                operations.incrementAndGet();
                if (!ok) {
                    failures.incrementAndGet();
                }
            }
        }

        void failed(Throwable failure) {
            firstFailure.compareAndSet(null, failure.toString());
        }

        /** Waits out the run, taking the CPU readings at exactly the measured window's ends. */
        Figures measure(Await clientsDone) throws InterruptedException {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            Optional<Duration> cpuAtStart = serverCpu.get();
            Optional<Duration> databaseCpuAtStart = databaseCpu.get();
            long loadCpuAtStart = ownCpuNanos();
            Optional<MachineCpu> machineAtStart = MachineCpu.now();
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            Optional<Duration> cpuAtEnd = serverCpu.get();
            Optional<Duration> databaseCpuAtEnd = databaseCpu.get();
            Duration loadCpu = Duration.ofNanos(ownCpuNanos() - loadCpuAtStart);
            OptionalDouble machineBusy = MachineCpu.busyBetween(machineAtStart, MachineCpu.now());
            clientsDone.await();
            Histogram latencies = recorder.getIntervalHistogram();
            if (timeline) {
                StringBuilder line = new StringBuilder("  slowest call per 100 ms, in ms, from "
                        + Instant.now().minus(Duration.ofNanos(System.nanoTime() - measureFrom)) + ":");
                for (int i = 0; i < slowest.length(); i++) {
                    line.append(i % 10 == 0 ? "\n   " + (i / 10) + "s:" : "").append(' ').append(slowest.get(i) / 1_000_000);
                }
                System.out.println(line);
            }
            if (firstFailure.get() != null) {
                System.err.println("  first failure: " + firstFailure.get());
            }
            Optional<Duration> cpu = cpuAtStart.flatMap(start1 -> cpuAtEnd.map(end1 -> end1.minus(start1)));
            Optional<Duration> dbCpu = databaseCpuAtStart.flatMap(start1 -> databaseCpuAtEnd.map(end1 -> end1.minus(start1)));
            return new Figures(operations.get(), failures.get(), operations.get() / (duration.toNanos() / 1e9),
                    latencies, cpu, dbCpu, loadCpu, machineBusy);
        }
    }

    /** CPU time of this process (the load generator) so far. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
