package io.courier.gateway.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole server on a random port, on a real embedded PostgreSQL in a fresh directory under
 * target/. All classes carrying this annotation share one application context and database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"courier.embedded-database.directory=target/test-data/${random.uuid}/postgres",
                "courier.refresh-reuse-grace=" + CourierIntegrationTest.REUSE_GRACE_SECONDS})
public @interface CourierIntegrationTest {

    /** Short, so that tests can wait it out; long enough for requests sent together to fall within it. */
    int REUSE_GRACE_SECONDS = 2;
}
