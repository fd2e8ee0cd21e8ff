package io.courier;

import io.courier.gateway.config.EventLoopThreads;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Courier server: REST gateway, command side and query side in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CourierApplication {

    public static void main(String[] args) {
        // Axon's update checker sends usage data to AxonIQ; a chat server must not call home unasked.
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        EventLoopThreads.onePerCore();
        SpringApplication.run(CourierApplication.class, args);
    }
}
