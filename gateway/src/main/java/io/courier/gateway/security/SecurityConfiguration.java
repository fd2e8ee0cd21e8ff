package io.courier.gateway.security;

import io.courier.gateway.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

/**
 * Stateless bearer-token security: {@code /auth/**} and health are open, every other mapped route needs
 * a valid access token; unmapped paths are let through to a 404. No sessions, no cookies, hence no CSRF
 * surface. On the public port {@code /actuator} holds only health; the other actuator endpoints
 * (metrics) are open on the management port only, bound to loopback by default ({@code EndpointRequest}
 * matches only there, as {@code ManagementPortCheck} guarantees the ports differ).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Problems problems,
                                                  ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(Customizer.withDefaults())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // the default request cache opens a web session on every request (two thread hops and a
                // random UUID), only to remember a page to return to after a login form we don't have
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/auth/**").permitAll()
                        // the example browser client's static files (web.client.WebClientResources)
                        .pathMatchers(HttpMethod.GET, "/app", "/app/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/app", "/app/**").permitAll()
                        // the public port serves only health under /actuator; anything else there is a 404
                        .pathMatchers("/actuator/**").permitAll()
                        .matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .matchers(new UnmappedPaths(handlerMappings)).permitAll() // a 404, not a 401
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "A valid access token is required"))
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "forbidden", "Not allowed")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "A valid access token is required"))
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                "forbidden", "Not allowed")))
                .build();
    }

    /**
     * No observation per security filter, authentication and authorization: spans nobody collects, and the
     * decorator they need wrapped every filter of every request in two more operators. The per-request HTTP
     * metrics are not these and stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(AccessTokens accessTokens) {
        return accessTokens.decoder();
    }
}
