package io.courier.gateway.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops of this application's own, shared by the public and the management server, instead
 * of Reactor Netty's process-wide ones: closing another application context in the same JVM (as
 * tests do) disposes the process-wide loops and would silently take the management server with it.
 */
@Configuration(proxyBeanMethods = false)
class ServerResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }
}
