package io.courier.gateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link CourierIntegrationTest}, but with tight rate limits and short timeouts for slow
 * clients, and loopback as a trusted proxy, so tests can speak for many client addresses through
 * {@code X-Forwarded-For}. All classes carrying this annotation share a second application context.
 * Use {@link Http#freshConnections} as client: the server drops connections idle for 2 seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ConnectionPerRequest.class)
@ContextConfiguration(initializers = TestSmtp.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"courier.embedded-database.directory=target/test-data/${random.uuid}",
                "management.server.port=0",
                "courier.rate-limits.login-per-account=3/1h",
                "courier.rate-limits.login-per-address=5/1h",
                "courier.rate-limits.registration-per-address=2/1h",
                "courier.rate-limits.password-reset-per-address=2/1h",
                "courier.rate-limits.mail-per-account=2/1h",
                "courier.mail.first-retry-delay=100ms",
                "courier.trusted-proxies=127.0.0.1,::1",
                "courier.http.idle-timeout=2s",
                "courier.http.read-timeout=1s",
                "courier.http.request-timeout=3s"})
public @interface StrictLimitsIntegrationTest {
}
