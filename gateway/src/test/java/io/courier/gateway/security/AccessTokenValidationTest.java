package io.courier.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.courier.gateway.config.CourierProperties;
import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static io.courier.gateway.support.ApiClient.expectProblem;
import static io.courier.gateway.support.ApiClient.uniqueEmail;

/**
 * Access tokens signed with the real key but missing what every genuine one carries (exp, iat, a
 * user id as subject, our issuer) are refused like forged ones: 401, never a 500 or eternal validity.
 */
@CourierIntegrationTest
class AccessTokenValidationTest {

    @Autowired
    WebTestClient http;
    @Autowired
    CourierProperties properties;
    ApiClient api;
    UUID userId;

    @BeforeEach
    void client() {
        api = new ApiClient(http);
        userId = api.register(uniqueEmail());
    }

    @Test
    void a_token_with_every_claim_is_accepted() throws JOSEException {
        api.get("/api/sessions", signed(claims -> claims)).expectStatus().isOk();
    }

    @Test
    void a_token_without_expiry_is_refused() throws JOSEException {
        expectUnauthenticated(signed(claims -> claims.expirationTime(null)));
    }

    @Test
    void a_token_without_issue_time_is_refused() throws JOSEException {
        expectUnauthenticated(signed(claims -> claims.issueTime(null)));
    }

    @Test
    void a_token_issued_in_the_future_is_refused() throws JOSEException {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        expectUnauthenticated(signed(claims -> claims.issueTime(Date.from(later))
                .expirationTime(Date.from(later.plus(Duration.ofMinutes(30))))));
    }

    @Test
    void an_expired_token_is_refused() throws JOSEException {
        Instant earlier = Instant.now().minus(Duration.ofHours(2));
        expectUnauthenticated(signed(claims -> claims.issueTime(Date.from(earlier))
                .expirationTime(Date.from(earlier.plus(Duration.ofMinutes(30))))));
    }

    @Test
    void a_subject_that_is_not_a_user_id_is_refused() throws JOSEException {
        expectUnauthenticated(signed(claims -> claims.subject("admin")));
        expectUnauthenticated(signed(claims -> claims.subject(null)));
    }

    @Test
    void another_issuer_is_refused() throws JOSEException {
        expectUnauthenticated(signed(claims -> claims.issuer("someone-else")));
        expectUnauthenticated(signed(claims -> claims.issuer(null)));
        // the issuer is compared as the string it is, not as a URL
        expectUnauthenticated(signed(claims -> claims.issuer("https://courier")));
        expectUnauthenticated(signed(claims -> claims.issuer("courier/")));
        expectUnauthenticated(signed(claims -> claims.claim("iss", List.of("courier"))));
    }

    @Test
    void an_unsigned_token_is_refused() {
        expectUnauthenticated(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void a_token_signed_with_another_key_is_refused() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        jwt.sign(new MACSigner(KeyDerivation.hmacSha256Key(properties.effectiveSecretKeyBase(), "another-purpose")));
        expectUnauthenticated(jwt.serialize());
    }

    private void expectUnauthenticated(String token) {
        expectProblem(api.get("/api/me", token), 401, "unauthenticated");
        expectProblem(api.get("/api/sessions", token), 401, "unauthenticated");
        expectProblem(api.postAuthenticated("/api/signout_all", token), 401, "unauthenticated");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("courier")
                .subject(userId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signed with the key the server derives from the development SECRET_KEY_BASE, like {@link AccessTokens}. */
    private String signed(UnaryOperator<JWTClaimsSet.Builder> tamper) throws JOSEException {
        SecretKey key = KeyDerivation.hmacSha256Key(properties.effectiveSecretKeyBase(), AccessTokens.KEY_PURPOSE);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), tamper.apply(claims()).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
