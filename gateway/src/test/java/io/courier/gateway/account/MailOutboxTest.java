package io.courier.gateway.account;

import io.courier.gateway.support.ApiClient;
import io.courier.gateway.support.CourierIntegrationTest;
import io.courier.gateway.support.TestMailServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

import static io.courier.gateway.support.ApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox over a real SMTP server that fails: no mail lost, none sent twice. */
@CourierIntegrationTest
class MailOutboxTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestMailServer mails;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_mail_server_that_is_down_at_first_and_up_later_gets_the_mail_exactly_once() {
        String email = uniqueEmail();
        UUID userId;
        mails.stop();
        try {
            userId = new ApiClient(http).register(email);
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRecords(userId, "account.EmailFailed") >= 1);
            assertThat(mails.to(email)).isEmpty();
            assertThat(failureReasons(userId)).containsOnly("connection");
        } finally {
            mails.start();
        }

        mails.awaitMail(email, EmailConfirmationTest.CONFIRM_SUBJECT);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRecords(userId, "account.EmailSent") == 1);
        assertThat(mails.to(email)).hasSize(1);
    }

    @Test
    void a_processor_that_goes_back_over_every_mail_event_sends_none_of_them_again() {
        String email = uniqueEmail();
        UUID userId = new ApiClient(http).register(email);
        mails.awaitMail(email, EmailConfirmationTest.CONFIRM_SUBJECT);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRecords(userId, "account.EmailSent") == 1);
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        int delivered = mails.to(email).size();

        // as after a crash that lost the processor's position: every mail event comes again
        StreamingEventProcessor outbox = processing.eventProcessor("mail", StreamingEventProcessor.class).orElseThrow();
        outbox.shutDown();
        outbox.resetTokens();
        outbox.start();

        // a replay counts as one until an event beyond it arrives: the position is what tells it caught up
        await().atMost(Duration.ofSeconds(60)).until(() -> !outbox.processingStatus().isEmpty()
                && outbox.processingStatus().values().stream().allMatch(status -> position(status) >= head));
        assertThat(mails.to(email)).hasSize(delivered);
        assertThat(outboxRecords(userId, "account.EmailSent")).isEqualTo(1);
    }

    private long outboxRecords(UUID userId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                Long.class, userId.toString(), type);
    }

    private java.util.List<String> failureReasons(UUID userId) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'account.EmailFailed'""", String.class, userId.toString());
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }
}
