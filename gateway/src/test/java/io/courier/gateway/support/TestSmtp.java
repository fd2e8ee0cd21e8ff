package io.courier.gateway.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Gives each test application context its own {@link TestMailServer} (a bean, for tests to read mail from) and
 * points Courier's SMTP settings at it, credentials included, as production would be configured.
 */
public class TestSmtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestMailServer server = TestMailServer.startOnFreePort();
        context.getBeanFactory().registerSingleton("testMailServer", server);
        TestPropertyValues.of("courier.smtp.host=127.0.0.1", "courier.smtp.port=" + server.port(),
                "courier.smtp.username=" + TestMailServer.USERNAME, "courier.smtp.password=" + TestMailServer.PASSWORD,
                "courier.smtp.tls=none").applyTo(context);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                server.stop();
            }
        });
    }
}
