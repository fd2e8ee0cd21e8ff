package io.courier.command.config;

import io.courier.api.common.AggregateCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/** Routes commands by {@link AggregateCommand#targetId()}, so the contracts need no Axon annotations. */
@Component("aggregateCommandTargetResolver")
public class AggregateCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof AggregateCommand addressed && addressed.targetId() != null) {
            return new VersionedAggregateIdentifier(addressed.targetId().toString(), null);
        }
        throw new IllegalArgumentException(command.getPayloadType().getSimpleName()
                + " does not name its target aggregate");
    }
}
