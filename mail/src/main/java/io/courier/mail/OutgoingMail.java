package io.courier.mail;

/** One mail, ready to send: a plain-text body and an HTML one saying the same. */
public record OutgoingMail(String to, String subject, String text, String html) {

    @Override
    public String toString() {
        return "OutgoingMail[subject=" + subject + "]"; // neither the address nor a link with a token
    }
}
