package io.courier.gateway.support;

import com.icegreen.greenmail.smtp.auth.UsernameAuthentication;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The SMTP server the tests' Courier sends to: a real one (GreenMail) on a fixed port of 127.0.0.1, requiring
 * the credentials Courier is configured with. It can be stopped and started again on the same port, as a
 * mail server that goes down; what it received survives that, so tests can count deliveries.
 */
public final class TestMailServer implements AutoCloseable {

    public static final String USERNAME = "courier-smtp";
    public static final String PASSWORD = "smtp password for tests";
    private static final Pattern LINK = Pattern.compile("https?://\\S+\\?token=([A-Za-z0-9._~%-]+)");

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private GreenMail server;

    private TestMailServer(int port) {
        this.port = port;
    }

    public static TestMailServer startOnFreePort() {
        TestMailServer server = new TestMailServer(freePort());
        server.start();
        return server;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.setUser("smtp@courier.test", USERNAME, PASSWORD);
        MessageDeliveryHandler mailboxes = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            // once per recipient: tests count deliveries to an address
            String sender = message.getAuthenticationState() instanceof UsernameAuthentication user
                    ? user.getUsername() : null;
            received.add(Received.of(message.getMessage(), recipient.getEmail(), sender));
            return mailboxes.handle(message, recipient);
        });
        greenMail.start();
        server = greenMail;
    }

    /** Down: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public List<Received> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return received.stream().filter(mail -> mail.recipient().equalsIgnoreCase(wanted)).toList();
    }

    /** Waits for a mail to {@code address} whose subject contains {@code subject}. */
    public Received awaitMail(String address, String subject) {
        List<Received> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            to(address).stream().filter(mail -> mail.subject().contains(subject)).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(found.size() - 1);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One delivered mail, as a test reads it: who to, who authenticated, what it says, which token it links. */
    public record Received(String recipient, String authenticatedAs, String from, String subject, String text,
                           String html) {

        static Received of(MimeMessage message, String recipient, String authenticatedAs) {
            try {
                Address[] from = message.getFrom();
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                collect(message, text, html);
                return new Received(recipient, authenticatedAs, from == null ? null : Arrays.toString(from),
                        message.getSubject(), text.toString(), html.toString());
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Unreadable mail", e);
            }
        }

        private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), text, html);
                }
            }
        }

        /** The token of the link in the plain-text body, as the frontend page would read it from the URL. */
        public String token() {
            return link().group(1);
        }

        public String url() {
            return link().group(0);
        }

        private Matcher link() {
            Matcher link = LINK.matcher(text);
            if (!link.find()) {
                throw new AssertionError("No link in the mail:\n" + text);
            }
            return link;
        }

        @Override
        public String toString() {
            return "Mail[" + subject + " to " + recipient + "]";
        }
    }

}
