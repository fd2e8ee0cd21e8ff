package io.courier.gateway.mail;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP server of a development machine without {@code SMTP_HOST}: GreenMail on a free port of 127.0.0.1.
 * Every mail it receives is also written to {@code $COURIER_DATA_DIR/mail/} as an {@code .eml} file, which any
 * text editor or mail client opens, so the links in it can be followed on a fresh machine.
 */
final class DevelopmentMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentMailServer.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final GreenMail server;
    private final Path directory;
    private final Clock clock;
    private final AtomicInteger received = new AtomicInteger();

    DevelopmentMailServer(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        MessageDeliveryHandler mailboxes = server.getUserManager().getMessageDeliveryHandler();
        server.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            save(message.getMessage());
            return mailboxes.handle(message, recipient);
        });
        server.start();
        log.info("SMTP_HOST is not set: mail goes to an embedded SMTP server on 127.0.0.1:{} and is saved as .eml "
                + "files in {}", port(), directory.toAbsolutePath());
    }

    int port() {
        return server.getSmtp().getPort();
    }

    private void save(jakarta.mail.internet.MimeMessage message) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_TIME.format(clock.instant()) + "-" + received.incrementAndGet() + ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
            log.info("Development mail saved: {}", file.toAbsolutePath());
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new UncheckedIOException(new IOException("Could not save a development mail in " + directory, e));
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
