package io.courier.gateway.web;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.command.config.RejectionDetailsInterceptor;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command rejected on another node arrives through Axon Server as a message, a stack trace and the
 * details of the {@code CommandExecutionException}. These tests send the handler's answer through
 * the Axon Server connector's own serialization, as it crosses the wire, and check that the gateway
 * still finds the rejection's code and message instead of answering 500.
 */
class RemoteRejectionTest {

    private final CommandSerializer wire = new CommandSerializer(JacksonSerializer.defaultSerializer(),
            AxonServerConfiguration.builder().build());

    @Test
    void a_rejection_on_a_remote_node_keeps_its_code_and_message() {
        Throwable arrived = handleRemotely(
                new CommandRejectedException(RejectionCode.EMAIL_TAKEN, "An account with this email already exists"));

        assertThat(Commands.unwrapRejection(arrived)).isInstanceOfSatisfying(CommandRejectedException.class, rejection -> {
            assertThat(rejection.code()).isEqualTo(RejectionCode.EMAIL_TAKEN);
            assertThat(rejection.getMessage()).isEqualTo("An account with this email already exists");
        });
    }

    @Test
    void an_unknown_aggregate_on_a_remote_node_is_a_not_found() {
        Throwable arrived = handleRemotely(new AggregateNotFoundException("42", "The aggregate was not found"));

        assertThat(Commands.unwrapRejection(arrived)).isInstanceOfSatisfying(CommandRejectedException.class,
                rejection -> assertThat(rejection.code()).isEqualTo(RejectionCode.NOT_FOUND));
    }

    @Test
    void an_unexpected_failure_stays_unexpected() {
        Throwable arrived = handleRemotely(new IllegalStateException("database on fire"));

        assertThat(Commands.unwrapRejection(arrived)).isNotInstanceOf(CommandRejectedException.class);
    }

    /** Runs a handler that throws {@code failure} behind Courier's interceptor, then serializes its answer both ways. */
    private Throwable handleRemotely(RuntimeException failure) {
        SimpleCommandBus handlingNode = SimpleCommandBus.builder().build();
        handlingNode.registerHandlerInterceptor(new RejectionDetailsInterceptor());
        handlingNode.subscribe(String.class.getName(), command -> {
            throw failure;
        });
        FutureCallback<Object, Object> answer = new FutureCallback<>();
        handlingNode.dispatch(GenericCommandMessage.asCommandMessage("a command"), answer);
        CommandResultMessage<?> handled = answer.getResult();
        assertThat(handled.isExceptional()).isTrue();

        CommandResultMessage<Object> received = wire.deserialize(wire.serialize(handled, "request-1"));
        for (Throwable cause = received.exceptionResult(); cause != null; cause = cause.getCause()) {
            assertThat(cause).as("no exception object crosses the wire").isNotInstanceOf(failure.getClass());
        }
        return received.exceptionResult();
    }
}
