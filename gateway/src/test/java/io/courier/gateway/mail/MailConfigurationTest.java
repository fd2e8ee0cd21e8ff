package io.courier.gateway.mail;

import io.courier.gateway.config.CourierProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MailConfigurationTest {

    @TempDir
    Path dataDirectory;

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Settings.class)
                .withPropertyValues("courier.pool-size=10", "courier.frontend-url=http://localhost:3000",
                        "courier.from-email=courier@localhost",
                        "courier.embedded-database.directory=" + dataDirectory.resolve("postgres"));
    }

    @Test
    void without_smtp_host_development_mail_goes_to_an_embedded_server_and_into_eml_files() {
        context().run(started -> {
            assertThat(started).hasSingleBean(DevelopmentMailServer.class);
            JavaMailSender sender = started.getBean(JavaMailSender.class);
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("courier@localhost");
            message.setTo("ada@example.com");
            message.setSubject("Confirm your email address");
            message.setText("https://localhost:3000/confirm-email?token=abc");

            sender.send(message);

            List<Path> saved = files(dataDirectory.resolve("mail"));
            assertThat(saved).hasSize(1);
            assertThat(Files.readString(saved.get(0))).contains("Subject: Confirm your email address")
                    .contains("confirm-email?token=abc");
        });
    }

    @Test
    void with_smtp_host_mail_goes_there_with_the_credentials_and_tls_mode_asked_for() {
        context().withPropertyValues("courier.smtp.host=smtp.example.com", "courier.smtp.username=courier",
                "courier.smtp.password=secret", "courier.smtp.tls=starttls").run(started -> {
            assertThat(started).doesNotHaveBean(DevelopmentMailServer.class);
            JavaMailSenderImpl sender = (JavaMailSenderImpl) started.getBean(JavaMailSender.class);
            assertThat(sender.getHost()).isEqualTo("smtp.example.com");
            assertThat(sender.getPort()).isEqualTo(587);
            assertThat(sender.getUsername()).isEqualTo("courier");
            assertThat(sender.getJavaMailProperties())
                    .containsEntry("mail.smtp.auth", "true")
                    .containsEntry("mail.smtp.starttls.enable", "true")
                    .containsEntry("mail.smtp.starttls.required", "true")
                    .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                    .containsKey("mail.smtp.timeout");
        });
    }

    @Test
    void tls_means_smtps_on_its_port_and_none_means_plain_smtp_without_login() {
        context().withPropertyValues("courier.smtp.host=smtp.example.com", "courier.smtp.tls=tls").run(started -> {
            JavaMailSenderImpl sender = (JavaMailSenderImpl) started.getBean(JavaMailSender.class);
            assertThat(sender.getProtocol()).isEqualTo("smtps");
            assertThat(sender.getPort()).isEqualTo(465);
            assertThat(sender.getJavaMailProperties()).doesNotContainKey("mail.smtps.auth");
        });
        context().withPropertyValues("courier.smtp.host=smtp.example.com", "courier.smtp.tls=none",
                "courier.smtp.port=2525").run(started -> {
            JavaMailSenderImpl sender = (JavaMailSenderImpl) started.getBean(JavaMailSender.class);
            assertThat(sender.getProtocol()).isEqualTo("smtp");
            assertThat(sender.getPort()).isEqualTo(2525);
            assertThat(sender.getJavaMailProperties()).doesNotContainKey("mail.smtp.starttls.enable");
        });
    }

    @Test
    void a_bad_port_or_tls_mode_stops_the_start_naming_the_variable() {
        context().withPropertyValues("courier.smtp.port=70000").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("SMTP_PORT"));
        context().withPropertyValues("courier.smtp.tls=STARTTLS!").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("SMTP_TLS"));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".eml")).toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CourierProperties.class, SmtpProperties.class})
    @Import(MailConfiguration.class)
    static class Settings {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
