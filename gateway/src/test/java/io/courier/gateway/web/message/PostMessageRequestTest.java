package io.courier.gateway.web.message;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Direct posting checks a post's constraints without a validator, and must agree with the annotations. */
class PostMessageRequestTest {

    static jakarta.validation.ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void the_constraints_checked_directly_are_the_annotated_ones() {
        Map<String, PostMessageRequest> requests = new LinkedHashMap<>();
        requests.put("plain", new PostMessageRequest("m-1", ciphertexts(3)));
        requests.put("no client message id", new PostMessageRequest(null, ciphertexts(3)));
        requests.put("an empty client message id", new PostMessageRequest("", ciphertexts(3)));
        requests.put("a client message id of 100", new PostMessageRequest("x".repeat(100), ciphertexts(3)));
        requests.put("a client message id of 101", new PostMessageRequest("x".repeat(101), ciphertexts(3)));
        requests.put("no ciphertexts", new PostMessageRequest("m-1", null));
        requests.put("an empty set of ciphertexts", new PostMessageRequest("m-1", Map.of()));
        requests.put("1,000 ciphertexts", new PostMessageRequest("m-1", ciphertexts(1000)));
        requests.put("1,001 ciphertexts", new PostMessageRequest("m-1", ciphertexts(1001)));
        Map<UUID, String> withNull = new HashMap<>(ciphertexts(2));
        withNull.put(UUID.randomUUID(), null);
        requests.put("a null ciphertext", new PostMessageRequest("m-1", withNull));
        requests.put("an empty ciphertext", new PostMessageRequest("m-1", Map.of(UUID.randomUUID(), "")));

        requests.forEach((what, request) -> assertThat(request.meetsConstraints()).as(what)
                .isEqualTo(validator.validate(request).isEmpty()));
        assertThat(requests.values().stream().filter(PostMessageRequest::meetsConstraints).count()).isEqualTo(4);
    }

    private static Map<UUID, String> ciphertexts(int count) {
        Map<UUID, String> ciphertexts = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ciphertexts.put(UUID.randomUUID(), "ciphertext " + i);
        }
        return ciphertexts;
    }
}
