package io.courier.gateway.operations;

import io.courier.gateway.web.Problems;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.ReactiveHealthEndpointWebExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Health on the public port, for load balancers and orchestrators: {@code /actuator/health} and its
 * {@code liveness} and {@code readiness} groups, status only. Every other actuator endpoint (metrics)
 * lives on the management port, which is not public. Answers come from Boot's own health endpoint.
 */
@RestController
class PublicHealth {

    private final ReactiveHealthEndpointWebExtension health;

    PublicHealth(ReactiveHealthEndpointWebExtension health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    Mono<ResponseEntity<Object>> overall() {
        return answer();
    }

    @GetMapping("/actuator/health/{group:liveness|readiness}")
    Mono<ResponseEntity<Object>> group(@PathVariable String group) {
        return answer(group);
    }

    private Mono<ResponseEntity<Object>> answer(String... path) {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, path)
                .map(response -> response.getBody() == null
                        ? ResponseEntity.status(HttpStatus.NOT_FOUND)
                                .body(Problems.of(HttpStatus.NOT_FOUND, "not_found", "No such health group"))
                        : ResponseEntity.status(response.getStatus()).body(response.getBody()));
    }
}
