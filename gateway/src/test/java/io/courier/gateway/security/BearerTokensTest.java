package io.courier.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Courier's bearer token reader answers every Authorization header exactly as Spring's default one does. */
class BearerTokensTest {

    private final ServerAuthenticationConverter courier = new BearerTokens();
    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @ParameterizedTest
    @ValueSource(strings = {
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "bearer abc", "BEARER abc", "bEaReR abc",
            "Bearer a-b.c_d~e+f/g==", "Bearer abc=", "Bearer abc==", "Bearer A",
            "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer\tabc", "Bearerabc", "BearerX abc",
            "Bearer ===", "Bearer =abc", "Bearer ab=c", "Bearer a b", "Bearer abc!", "Bearer ä", "Bearer abc\u0000",
            "Basic dXNlcjpwYXNz", "Token abc", "", "bear abc", " Bearer abc"})
    void reads_each_header_as_springs_converter_does(String header) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/me").header(HttpHeaders.AUTHORIZATION, header));

        assertThat(outcome(courier.convert(exchange))).isEqualTo(outcome(spring.convert(exchange)));
    }

    @Test
    void a_request_without_the_header_is_anonymous_for_both() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me"));

        assertThat(outcome(courier.convert(exchange))).isEqualTo("anonymous").isEqualTo(outcome(spring.convert(exchange)));
    }

    /** What the security chain makes of a conversion: a token, anonymous, or a 401 with its error code. */
    private static String outcome(Mono<Authentication> conversion) {
        try {
            Authentication authentication = conversion.block();
            if (authentication == null) {
                return "anonymous";
            }
            return "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException rejected) {
            return "rejected " + rejected.getError().getErrorCode() + ": " + rejected.getError().getDescription();
        }
    }
}
