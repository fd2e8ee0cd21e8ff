package io.courier.command.config;

import io.courier.command.account.BoundedPasswordEncoder;
import io.courier.command.eventsourcing.CachedDecisionCheck;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /**
     * Argon2id (Bouncy Castle) with OWASP-recommended parameters: 16 MiB memory, 2 iterations,
     * run on a bounded pool so a login flood cannot take every core (see {@link BoundedPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${courier.password-hashing.threads:0}") int threads,
                                    @Value("${courier.password-hashing.queue:8}") int queue) {
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("PASSWORD_HASHING_THREADS must be between 0 (one fewer than the cores)"
                    + " and 256, got " + threads);
        }
        if (queue < 1 || queue > 10_000) {
            throw new IllegalArgumentException("PASSWORD_HASHING_QUEUE must be between 1 and 10000, got " + queue);
        }
        return new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                threads == 0 ? BoundedPasswordEncoder.defaultThreads() : threads, queue);
    }

    /**
     * Rejections carry their code to the dispatching node, see {@link RejectionDetailsInterceptor}; inside it,
     * answers decided on cached aggregates are confirmed before they leave, see {@link CachedDecisionCheck}
     * (registered later, so it runs inside and sees rejections before they are wrapped).
     */
    @Autowired
    void interceptCommands(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionDetailsInterceptor());
        commandBus.registerHandlerInterceptor(new CachedDecisionCheck());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
