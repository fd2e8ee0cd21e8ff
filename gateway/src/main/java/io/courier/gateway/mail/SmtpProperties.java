package io.courier.gateway.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Locale;

/**
 * The SMTP server mail goes out through ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME},
 * {@code SMTP_PASSWORD}, {@code SMTP_TLS}). Without a host, development gets an embedded server
 * ({@link DevelopmentMailServer}) and production refuses to start.
 */
@ConfigurationProperties("courier.smtp")
public record SmtpProperties(String host, int port, String username, String password, String tls) {

    public SmtpProperties {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SMTP_PORT must be a port number (1 to 65535, or 0 for the usual one), got "
                    + port);
        }
        tls = tls == null || tls.isBlank() ? Tls.STARTTLS.name().toLowerCase(Locale.ROOT) : tls.strip();
        Tls.parse(tls);
    }

    public boolean hasHost() {
        return host != null && !host.isBlank();
    }

    public Tls tlsMode() {
        return Tls.parse(tls);
    }

    /** The port to connect to: {@code SMTP_PORT}, or the usual one of the TLS mode. */
    public int effectivePort() {
        return port != 0 ? port : tlsMode().usualPort;
    }

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
    }

    /** {@code none}: plain SMTP; {@code starttls}: upgraded, and refused if the server can't; {@code tls}: SMTPS. */
    public enum Tls {
        NONE(25), STARTTLS(587), TLS(465);

        private final int usualPort;

        Tls(int usualPort) {
            this.usualPort = usualPort;
        }

        static Tls parse(String value) {
            for (Tls mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("SMTP_TLS must be none, starttls or tls, got '" + value + "'");
        }
    }
}
