package io.courier.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How busy the whole machine's CPUs are, from Linux's {@code /proc/stat}: server, PostgreSQL, load and everything
 * else together. Near 100%, any hiccup (a vacuum, a GC pause, a slow disk flush) queues calls for seconds,
 * so a paced run's p99 says more about the headroom left than about the server.
 */
record MachineCpu(long busyTicks, long allTicks) {

    private static final Path STAT = Path.of("/proc/stat");

    /** Now, or empty where there is no {@code /proc/stat}. */
    static Optional<MachineCpu> now() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": the first line sums all CPUs
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long all = 0;
            // guest time is already counted in user time
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return Optional.of(new MachineCpu(all - idle, all));
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** The busy share of all CPUs between two readings. */
    static OptionalDouble busyBetween(Optional<MachineCpu> start, Optional<MachineCpu> end) {
        if (start.isEmpty() || end.isEmpty() || end.get().allTicks <= start.get().allTicks) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) (end.get().busyTicks - start.get().busyTicks)
                / (end.get().allTicks - start.get().allTicks));
    }
}
