package io.courier.gateway.operations;

import io.courier.gateway.config.InvalidConfigurationException;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Metrics must never share the public port: there every actuator endpoint would be reachable by
 * anyone. So the management port has to be a different one, or -1 to switch it off.
 */
@Component
class ManagementPortCheck {

    ManagementPortCheck(Environment environment) {
        if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
            throw new InvalidConfigurationException("MANAGEMENT_PORT must differ from PORT (metrics are not public),"
                    + " or be -1 to switch the management server off");
        }
    }
}
