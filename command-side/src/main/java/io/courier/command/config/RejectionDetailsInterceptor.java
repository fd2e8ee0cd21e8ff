package io.courier.command.config;

import io.courier.api.common.CommandRejectedException;
import io.courier.api.common.RejectionCode;
import io.courier.api.common.RejectionDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Exceptions don't cross nodes (Axon Server sends only a message and a stack trace), but the
 * details of a {@link CommandExecutionException} do. Wrapping every rejection this way makes the
 * gateway see the same code and message whether the handler ran locally or on another node.
 */
public class RejectionDetailsInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CommandRejectedException rejection) {
            throw withDetails(rejection, RejectionDetails.of(rejection));
        } catch (AggregateNotFoundException unknown) {
            throw withDetails(unknown, new RejectionDetails(RejectionCode.NOT_FOUND, "Not found"));
        }
    }

    private static CommandExecutionException withDetails(Exception cause, RejectionDetails details) {
        return new CommandExecutionException(details.message(), cause, details);
    }
}
