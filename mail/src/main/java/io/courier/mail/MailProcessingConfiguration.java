package io.courier.mail;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A failure in the outbox's handler must not be logged and skipped (Axon's default for event handlers): it is
 * propagated, so the tracking processor keeps its position and retries the event, backing off from one second
 * to a minute between tries. Its batch size is 1 (application.yml), so a retry repeats one mail only.
 */
@Configuration(proxyBeanMethods = false)
class MailProcessingConfiguration {

    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(MailOutbox.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
