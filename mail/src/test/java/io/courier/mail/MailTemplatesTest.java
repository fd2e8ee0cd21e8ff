package io.courier.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates(new MailSettings("https://chat.example.com/", "no-reply@example.com"));

    @Test
    void links_point_at_the_frontend_with_the_token_and_say_how_long_they_work() {
        OutgoingMail mail = templates.confirmEmail("ada@example.com", "user.secret-_", Duration.ofDays(7));

        assertThat(mail.to()).isEqualTo("ada@example.com");
        assertThat(mail.text()).contains("https://chat.example.com/confirm-email?token=user.secret-_")
                .contains("7 days");
        assertThat(mail.html()).contains("<a href=\"https://chat.example.com/confirm-email?token=user.secret-_\">");
        assertThat(templates.resetPassword("ada@example.com", "t", Duration.ofHours(1)).text())
                .contains("https://chat.example.com/reset-password?token=t").contains("an hour");
        assertThat(templates.confirmNewEmail("ada@example.net", "t", Duration.ofMinutes(90)).text()).contains("90 minutes");
    }

    @Test
    void whatever_goes_into_html_is_escaped() {
        OutgoingMail mail = new MailTemplates(new MailSettings("https://x.example/\"><script>", "a@b.c"))
                .confirmEmail("ada@example.com", "<b>&'", Duration.ofDays(1));

        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("x.example/\"").contains("&quot;&gt;&lt;script&gt;");
        assertThat(mail.html()).doesNotContain("<b>").contains("%3Cb%3E%26%27");
    }

    @Test
    void notices_carry_no_link_and_nothing_sensitive_is_in_the_string_form() {
        OutgoingMail notice = templates.emailChangedNotice("ada@example.com");

        assertThat(notice.text()).doesNotContain("http");
        assertThat(notice.toString()).doesNotContain("ada@example.com");
        assertThat(templates.passwordChangedNotice("ada@example.com").subject()).isEqualTo("Your Courier password was changed");
    }
}
