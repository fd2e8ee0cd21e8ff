package io.courier.gateway.security;

import io.courier.gateway.config.CourierProperties;
import io.courier.gateway.config.InvalidConfigurationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * CORS: the web client served from {@code FRONTEND_URL} may call the API from the browser; no other
 * origin may. Tokens travel in the Authorization header, never in cookies, so credentials stay off.
 * Spring Security's {@code cors()} applies this before authentication, so preflights are not refused.
 */
@Configuration(proxyBeanMethods = false)
class BrowserAccess {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CourierProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of(origin(properties.frontendUrl())));
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** Browsers send the origin only (scheme, host, port), so a path in FRONTEND_URL is dropped. */
    static String origin(String frontendUrl) {
        URI url;
        try {
            url = URI.create(frontendUrl.strip());
        } catch (IllegalArgumentException | NullPointerException notAUrl) {
            url = null;
        }
        if (url == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new InvalidConfigurationException("FRONTEND_URL must be an http(s) URL like https://chat.example.com,"
                    + " got '" + frontendUrl + "'");
        }
        return url.getScheme().toLowerCase() + "://" + url.getHost().toLowerCase()
                + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
