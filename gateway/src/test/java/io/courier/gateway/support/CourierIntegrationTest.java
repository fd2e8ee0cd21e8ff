package io.courier.gateway.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole server on a random port, on a real embedded PostgreSQL in a fresh directory under
 * target/. All classes carrying this annotation share one application context and database.
 * Its rate limits are generous, since every test registers and logs in from 127.0.0.1;
 * {@link StrictLimitsIntegrationTest} has tight ones. Metrics are exported as in production
 * (Boot's tests switch that off by default).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@Import(ConnectionPerRequest.class)
@ContextConfiguration(initializers = TestSmtp.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"courier.embedded-database.directory=target/test-data/${random.uuid}/postgres",
                "courier.refresh-reuse-grace=" + CourierIntegrationTest.REUSE_GRACE_SECONDS,
                "management.server.port=0",
                // surefire runs in gateway/: the example web client's bundle, which BrowserChatTest builds
                "courier.web-client.directory=../clients/web/dist",
                "courier.rate-limits.login-per-account=1000000/1m",
                "courier.rate-limits.login-per-address=1000000/1m",
                "courier.rate-limits.registration-per-address=1000000/1m",
                "courier.rate-limits.password-reset-per-address=1000000/1m",
                "courier.rate-limits.mail-per-account=1000000/1m",
                "courier.mail.first-retry-delay=100ms"})
public @interface CourierIntegrationTest {

    /** Short, so that tests can wait it out; long enough for requests sent together to fall within it. */
    int REUSE_GRACE_SECONDS = 2;
}
