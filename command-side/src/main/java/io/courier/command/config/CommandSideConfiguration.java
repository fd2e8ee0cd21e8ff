package io.courier.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /** Argon2id (Bouncy Castle) with OWASP-recommended parameters: 16 MiB memory, 2 iterations. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Rejections carry their code to the dispatching node, see {@link RejectionDetailsInterceptor}. */
    @Autowired
    void carryRejectionDetails(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionDetailsInterceptor());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
