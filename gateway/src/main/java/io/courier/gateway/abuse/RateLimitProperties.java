package io.courier.gateway.abuse;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumMap;
import java.util.Map;

/**
 * The rates of the {@link RateLimit}s ({@code courier.rate-limits}, see application.yml) and how
 * many keys each may track at once, which bounds the memory an attacker with many addresses or
 * account names can make the server spend.
 */
@ConfigurationProperties("courier.rate-limits")
public record RateLimitProperties(String loginPerAccount,
                                  String loginPerAddress,
                                  String registrationPerAddress,
                                  String passwordResetPerAddress,
                                  String mailPerAccount,
                                  int maxKeys) {

    public RateLimitProperties {
        rates(loginPerAccount, loginPerAddress, registrationPerAddress, passwordResetPerAddress, mailPerAccount);
        if (maxKeys < 100 || maxKeys > 10_000_000) {
            throw new IllegalArgumentException("RATE_LIMIT_MAX_KEYS must be between 100 and 10000000, got " + maxKeys);
        }
    }

    public Map<RateLimit, Rate> rates() {
        return rates(loginPerAccount, loginPerAddress, registrationPerAddress, passwordResetPerAddress, mailPerAccount);
    }

    private static Map<RateLimit, Rate> rates(String loginPerAccount, String loginPerAddress,
                                              String registrationPerAddress, String passwordResetPerAddress,
                                              String mailPerAccount) {
        Map<RateLimit, Rate> rates = new EnumMap<>(RateLimit.class);
        rates.put(RateLimit.LOGIN_PER_ACCOUNT, Rate.parse(loginPerAccount, "RATE_LIMIT_LOGIN_PER_ACCOUNT"));
        rates.put(RateLimit.LOGIN_PER_ADDRESS, Rate.parse(loginPerAddress, "RATE_LIMIT_LOGIN_PER_ADDRESS"));
        rates.put(RateLimit.REGISTRATION_PER_ADDRESS, Rate.parse(registrationPerAddress, "RATE_LIMIT_REGISTRATION_PER_ADDRESS"));
        rates.put(RateLimit.PASSWORD_RESET_PER_ADDRESS, Rate.parse(passwordResetPerAddress, "RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS"));
        rates.put(RateLimit.MAIL_PER_ACCOUNT, Rate.parse(mailPerAccount, "RATE_LIMIT_MAIL_PER_ACCOUNT"));
        return rates;
    }
}
