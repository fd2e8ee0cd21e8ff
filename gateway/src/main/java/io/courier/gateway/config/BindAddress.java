package io.courier.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.reactive.server.ConfigurableReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the HTTP server listens: {@code BIND_ADDRESS} when set; otherwise only on 127.0.0.1 while the
 * built-in development secrets are in use (they are public, so anyone who can reach such a server can forge
 * its tokens), and on all interfaces once real secrets are given, as production requires.
 */
@Component
public class BindAddress implements WebServerFactoryCustomizer<ConfigurableReactiveWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(BindAddress.class);

    private final InetAddress address;

    BindAddress(CourierProperties properties, @Value("${courier.bind-address:}") String configured) {
        if (CourierProperties.isSet(configured)) {
            address = parse(configured.strip());
        } else if (properties.usesDevelopmentSecrets()) {
            address = InetAddress.getLoopbackAddress();
            log.info("Listening on {} only, as the development secrets are in use (BIND_ADDRESS changes this)",
                    address.getHostAddress());
        } else {
            address = null; // all interfaces
        }
    }

    /** The address to listen on; null for all interfaces. Also where RSocket over TCP listens. */
    public InetAddress address() {
        return address;
    }

    @Override
    public void customize(ConfigurableReactiveWebServerFactory factory) {
        factory.setAddress(address);
    }

    private static InetAddress parse(String configured) {
        try {
            return InetAddress.getByName(configured);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException("BIND_ADDRESS must be an IP address or host name of this machine"
                    + " (0.0.0.0 for all interfaces), got '" + configured + "'");
        }
    }
}
