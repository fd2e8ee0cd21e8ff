package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a deliberately slow password encoder on a small fixed pool with a short queue, so that a
 * flood of logins uses at most that many cores (and Argon2's memory per hash) and everything else
 * keeps running. When the queue is full the caller is refused at once with
 * {@link RejectionCode#SERVER_BUSY} instead of waiting behind the flood.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder, AutoCloseable {

    private final PasswordEncoder delegate;
    private final ThreadPoolExecutor hashers;

    public BoundedPasswordEncoder(PasswordEncoder delegate, int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queue capacity must be positive");
        }
        this.delegate = delegate;
        this.hashers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new HasherThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** One fewer than the cores, so the event loops always have a core left; at least one. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return run(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return run(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword); // parses the hash header only: cheap
    }

    /** Hashes queued behind the running ones. */
    int waiting() {
        return hashers.getQueue().size();
    }

    @Override
    public void close() {
        hashers.shutdownNow();
    }

    private <T> T run(Callable<T> hashing) {
        Future<T> result;
        try {
            result = hashers.submit(hashing);
        } catch (RejectedExecutionException full) {
            throw new CommandRejectedException(RejectionCode.SERVER_BUSY,
                    "The server is busy checking passwords; try again in a moment");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for password hashing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }

    private static final class HasherThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
