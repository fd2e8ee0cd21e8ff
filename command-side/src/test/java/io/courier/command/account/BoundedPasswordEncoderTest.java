package io.courier.command.account;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderTest {

    /** Hashes only when released, so the test decides how long "slow" is. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(new GatedEncoder(), 2, 3);

    @AfterEach
    void stop() {
        release.countDown();
        encoder.close();
    }

    @Test
    void hashing_runs_on_the_pool_and_answers_like_the_wrapped_encoder() {
        release.countDown();

        assertThat(encoder.encode("secret")).isEqualTo("hash:secret");
        assertThat(encoder.matches("secret", "hash:secret")).isTrue();
        assertThat(encoder.matches("guess", "hash:secret")).isFalse();
    }

    @Test
    void no_more_hashes_run_at_once_than_the_pool_has_threads_and_a_full_queue_is_refused_at_once() throws Exception {
        // 2 threads busy + 3 waiting in the queue
        ExecutorService callers = Executors.newFixedThreadPool(5);
        CompletableFuture<?>[] admitted = new CompletableFuture<?>[5];
        for (int i = 0; i < admitted.length; i++) {
            admitted[i] = CompletableFuture.supplyAsync(() -> encoder.matches("guess", "hash:secret"), callers);
        }
        waitUntil(() -> running.get() == 2 && encoder.waiting() == 3);

        long start = System.nanoTime();
        assertThatThrownBy(() -> encoder.matches("guess", "hash:secret"))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        busy -> assertThat(busy.code()).isEqualTo(RejectionCode.SERVER_BUSY));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refusal does not wait").isLessThan(500);

        release.countDown();
        CompletableFuture.allOf(admitted).get(5, TimeUnit.SECONDS);
        callers.shutdown();
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void a_failing_hash_surfaces_its_own_exception() {
        release.countDown();

        assertThatThrownBy(() -> encoder.matches("guess", "not a hash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("malformed hash");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private final class GatedEncoder implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            return gated(() -> "hash:" + raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            if (!encoded.startsWith("hash:")) {
                throw new IllegalArgumentException("malformed hash");
            }
            return gated(() -> encoded.equals("hash:" + raw));
        }

        private <T> T gated(java.util.function.Supplier<T> work) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                release.await();
                return work.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
