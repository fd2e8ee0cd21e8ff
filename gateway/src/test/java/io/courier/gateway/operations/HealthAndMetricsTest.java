package io.courier.gateway.operations;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

@CourierIntegrationTest
class HealthAndMetricsTest {

    @Autowired
    WebTestClient http;
    @LocalManagementPort
    int managementPort;

    @Test
    void health_and_its_probes_answer_up_without_a_token_on_the_public_port() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            http.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components").doesNotExist();
        }
    }

    @Test
    void metrics_are_not_on_the_public_port() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/env", "/actuator/health/db"}) {
            http.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void the_management_port_serves_command_query_and_event_processor_metrics_to_prometheus() {
        ApiClient api = new ApiClient(http);
        String email = uniqueEmail();
        api.register(email);
        String token = api.login(email).accessToken();
        api.get("/api/me", token);

        // a scrape of a server that has run every test is well over the client's default 256 KB
        String scrape = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).contains("commandBus_", "payloadType=\"RegisterUser\"", "payloadType=\"LogIn\"")
                .contains("queryBus_", "payloadType=\"FindAccount\"")
                .contains("eventProcessor_", "processorName=\"accounts\"")
                .contains("jvm_memory_used_bytes");
    }
}
