package io.courier.gateway.mail;

import io.courier.gateway.config.CourierProperties;
import io.courier.mail.MailSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * Outgoing mail: Spring's JavaMailSender on the configured SMTP server, or, in development without
 * {@code SMTP_HOST}, on an embedded one ({@link DevelopmentMailServer}); production without it is refused by
 * {@code ProductionConfigurationCheck}.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    /** Bounds every SMTP exchange, so a stalled server holds up the outbox for this long at most per attempt. */
    static final Duration SMTP_TIMEOUT = Duration.ofSeconds(20);

    @Bean(destroyMethod = "close")
    @Conditional(WithoutSmtpHost.class)
    DevelopmentMailServer developmentMailServer(CourierProperties courier, Clock clock) {
        Path dataDirectory = courier.embeddedDatabase().directory().toAbsolutePath().getParent();
        return new DevelopmentMailServer(dataDirectory.resolve("mail"), clock);
    }

    @Bean
    JavaMailSender javaMailSender(SmtpProperties smtp, ObjectProvider<DevelopmentMailServer> development) {
        DevelopmentMailServer embedded = development.getIfAvailable();
        return embedded != null ? sender("127.0.0.1", embedded.port(), null, null, SmtpProperties.Tls.NONE)
                : sender(smtp.host().strip(), smtp.effectivePort(), smtp.authenticates() ? smtp.username() : null,
                smtp.password(), smtp.tlsMode());
    }

    @Bean
    MailSettings mailSettings(CourierProperties courier) {
        return new MailSettings(courier.frontendUrl(), courier.fromEmail());
    }

    /** No {@code SMTP_HOST}; production never gets this far ({@code ProductionConfigurationCheck}). */
    static final class WithoutSmtpHost implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String host = context.getEnvironment().getProperty("courier.smtp.host");
            return host == null || host.isBlank();
        }
    }

    static JavaMailSenderImpl sender(String host, int port, String username, String password, SmtpProperties.Tls tls) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        String protocol = tls == SmtpProperties.Tls.TLS ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        if (username != null) {
            sender.setUsername(username);
            sender.setPassword(password);
            properties.setProperty(prefix + "auth", "true");
        }
        if (tls == SmtpProperties.Tls.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (tls != SmtpProperties.Tls.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        String timeout = String.valueOf(SMTP_TIMEOUT.toMillis());
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
