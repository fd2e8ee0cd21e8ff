package io.courier.gateway.config;

import io.courier.gateway.mail.SmtpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * In production ({@code SPRING_PROFILES_ACTIVE=production}) secrets and the SMTP server must be given
 * explicitly; elsewhere, missing secrets fall back to development values with a warning, and a missing SMTP
 * server to an embedded one.
 */
@Component
class ProductionConfigurationCheck {

    private static final Logger log = LoggerFactory.getLogger(ProductionConfigurationCheck.class);

    ProductionConfigurationCheck(CourierProperties properties, SmtpProperties smtp,
                                 org.springframework.core.env.Environment environment) {
        boolean production = environment.matchesProfiles("production");
        if (!production) {
            if (properties.usesDevelopmentSecrets()) {
                log.warn("SECRET_KEY_BASE or VAULT_KEY is not set: using development values. Never do this in production.");
            }
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!CourierProperties.isSet(properties.secretKeyBase())) {
            missing.add("SECRET_KEY_BASE (at least " + CourierProperties.MIN_SECRET_KEY_BASE_LENGTH
                    + " characters, e.g. openssl rand -hex 64)");
        }
        if (!CourierProperties.isSet(properties.vaultKey())) {
            missing.add("VAULT_KEY (base64 of " + CourierProperties.VAULT_KEY_BYTES + " bytes, e.g. openssl rand -base64 32)");
        }
        if (!smtp.hasHost()) {
            missing.add("SMTP_HOST (the SMTP server mail goes out through; with SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD"
                    + " and SMTP_TLS as it needs)");
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationException("The production profile needs: " + String.join("; ", missing));
        }
    }
}
