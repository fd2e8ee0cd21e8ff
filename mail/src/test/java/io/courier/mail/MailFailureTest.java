package io.courier.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Failures as a real SMTP conversation produces them, against a real server (GreenMail) or none. */
class MailFailureTest {

    @Test
    void no_server_listening_is_a_connection_failure_worth_retrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        MailFailure failure = MailFailure.of(send(sender(closedPort, null, null)));

        assertThat(failure).isEqualTo(new MailFailure("connection", false));
    }

    @Test
    void wrong_credentials_are_an_authentication_failure_worth_retrying_once_fixed() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.setUser("smtp@example.com", "courier", "right password");
        server.start();
        try {
            MailFailure failure = MailFailure.of(send(sender(server.getSmtp().getPort(), "courier", "wrong password")));

            assertThat(failure).isEqualTo(new MailFailure("authentication", false));
            assertThat(failure.reason()).doesNotContain("@");
        } finally {
            server.stop();
        }
    }

    private static MailException send(JavaMailSenderImpl sender) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("courier@example.com");
        message.setTo("ada@example.com");
        message.setSubject("test");
        message.setText("test");
        return catchThrowableOfType(MailException.class, () -> sender.send(message));
    }

    private static JavaMailSenderImpl sender(int port, String username, String password) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        if (username != null) {
            sender.setUsername(username);
            sender.setPassword(password);
            properties.setProperty("mail.smtp.auth", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
