package io.courier.gateway.config;

import io.courier.gateway.mail.SmtpProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ProductionConfigurationCheckTest {

    private static final String SECRET = "s".repeat(64);
    private static final String VAULT_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues("courier.pool-size=10");

    @Test
    void production_refuses_to_start_without_secrets_and_names_them() {
        context.withPropertyValues("spring.profiles.active=production").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("SECRET_KEY_BASE").hasMessageContaining("VAULT_KEY");
        });
    }

    @Test
    void production_starts_with_both_secrets_and_an_smtp_server_set() {
        context.withPropertyValues("spring.profiles.active=production",
                        "courier.secret-key-base=" + SECRET, "courier.vault-key=" + VAULT_KEY,
                        "courier.smtp.host=smtp.example.com")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void production_refuses_to_start_without_an_smtp_server() {
        context.withPropertyValues("spring.profiles.active=production",
                        "courier.secret-key-base=" + SECRET, "courier.vault-key=" + VAULT_KEY)
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidConfigurationException.class)
                            .hasMessageContaining("SMTP_HOST").hasMessageNotContaining("VAULT_KEY");
                });
    }

    @Test
    void an_unknown_smtp_tls_mode_stops_any_start_with_its_name() {
        context.withPropertyValues("courier.smtp.tls=ssl").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("SMTP_TLS");
        });
    }

    @Test
    void development_starts_on_fallback_secrets() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(CourierProperties.class).usesDevelopmentSecrets()).isTrue();
        });
    }

    @Test
    void a_malformed_vault_key_stops_any_start_with_its_name() {
        context.withPropertyValues("courier.vault-key=too-short").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("VAULT_KEY");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CourierProperties.class, SmtpProperties.class})
    @Import(ProductionConfigurationCheck.class)
    static class Settings {
    }
}
