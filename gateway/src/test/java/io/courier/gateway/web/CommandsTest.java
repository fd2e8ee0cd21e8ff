package io.courier.gateway.web;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands run on threads of their own, as many at once as {@code courier.command-threads} allows: a post waits
 * on its thread until its group of events is durable, so that number caps how many posts one group commit can
 * take. Reactor's shared scheduler allowed 20 on two cores.
 */
class CommandsTest {

    @Test
    void as_many_commands_wait_at_once_as_there_are_command_threads() throws Exception {
        BlockingGateway gateway = new BlockingGateway();
        Commands commands = new Commands(gateway, 100);
        try {
            List<CompletableFuture<Object>> sent = IntStream.range(0, 100)
                    .mapToObj(i -> commands.send("command " + i).toFuture()).toList();

            assertThat(gateway.allWaiting(100)).as("100 commands waiting at once").isTrue();
            releaseAndAwait(gateway, sent);
        } finally {
            gateway.release.countDown();
            commands.destroy();
        }
    }

    @Test
    void commands_beyond_the_threads_wait_their_turn() throws Exception {
        BlockingGateway gateway = new BlockingGateway();
        Commands commands = new Commands(gateway, 4);
        try {
            List<CompletableFuture<Object>> sent = IntStream.range(0, 10)
                    .mapToObj(i -> commands.send("command " + i).toFuture()).toList();

            assertThat(gateway.allWaiting(4)).isTrue();
            Thread.sleep(200);
            assertThat(gateway.waiting.get()).isEqualTo(4);
            releaseAndAwait(gateway, sent);
        } finally {
            gateway.release.countDown();
            commands.destroy();
        }
    }

    @Test
    void a_thread_count_out_of_bounds_is_refused() {
        assertThatThrownBy(() -> new Commands(new BlockingGateway(), 0))
                .hasMessageContaining("COMMAND_THREADS must be between 1 and 10000");
        assertThatThrownBy(() -> new Commands(new BlockingGateway(), 10_001))
                .hasMessageContaining("COMMAND_THREADS must be between 1 and 10000");
    }

    @Test
    void a_command_running_when_the_server_stops_finishes() throws Exception {
        BlockingGateway gateway = new BlockingGateway();
        Commands commands = new Commands(gateway, 2);
        CompletableFuture<Object> running = commands.send("last command").toFuture();
        assertThat(gateway.allWaiting(1)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(commands::destroy);
        Thread.sleep(200);
        gateway.release.countDown();

        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        stopping.get(25, TimeUnit.SECONDS);
    }

    private static void releaseAndAwait(BlockingGateway gateway, List<CompletableFuture<Object>> sent) throws Exception {
        gateway.release.countDown();
        for (CompletableFuture<Object> answer : sent) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }

    /** A command bus whose handlers all block until released, as posts block until their group commit. */
    private static final class BlockingGateway implements CommandGateway {

        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();

        boolean allWaiting(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (waiting.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return waiting.get() >= count;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> CompletableFuture<R> send(Object command) {
            waiting.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(interrupted);
            }
            return CompletableFuture.completedFuture((R) "done");
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> R sendAndWait(Object command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }
}
