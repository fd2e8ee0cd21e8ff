package io.courier.gateway.realtime.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.rsocket.EnableRSocketSecurity;
import org.springframework.security.config.annotation.rsocket.RSocketSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.rsocket.core.PayloadSocketAcceptorInterceptor;

/**
 * RSocket security: the access token is a bearer token in the standard authentication metadata
 * ({@code message/x.rsocket.authentication.v0}, which rsocket-js writes), checked by the same decoder and
 * validation as REST's. It may come in the SETUP frame, signing in the whole connection, or with each request
 * on a connection that set up without one (so SETUP itself is open); every request needs one or the other. A bad
 * or expired token in SETUP refuses the connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableRSocketSecurity
class RealtimeSecurityConfiguration {

    @Bean
    PayloadSocketAcceptorInterceptor rsocketSecurity(RSocketSecurity rsocket, ReactiveJwtDecoder accessTokens) {
        return rsocket
                .authorizePayload(authorize -> authorize
                        .setup().permitAll()
                        .anyRequest().authenticated()
                        .anyExchange().permitAll())
                .jwt(jwt -> jwt.authenticationManager(new JwtReactiveAuthenticationManager(accessTokens)))
                .build();
    }
}
