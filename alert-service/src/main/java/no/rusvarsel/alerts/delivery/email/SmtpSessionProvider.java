package no.rusvarsel.alerts.delivery.email;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.util.Properties;

/** The Jakarta Mail session micronaut-email sends with, built from {@link MailSettings}, with bounded timeouts. */
@Singleton
@Replaces(DefaultSessionProvider.class)
public class SmtpSessionProvider implements SessionProvider {

    private final Session session;

    public SmtpSessionProvider(MailSettings settings) {
        this.session = Session.getInstance(properties(settings), authenticator(settings));
    }

    static Properties properties(MailSettings s) {
        var p = new Properties();
        var timeout = Long.toString(s.timeout().toMillis());
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.smtp.auth", Boolean.toString(!s.username().isEmpty()));
        switch (s.tls()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // plain SMTP: only for a relay on a trusted network
            }
        }
        return p;
    }

    private static Authenticator authenticator(MailSettings s) {
        if (s.username().isEmpty()) {
            return null;
        }
        var credentials = new PasswordAuthentication(s.username(), s.password());
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        };
    }

    @Override
    public Session session() {
        return session;
    }
}
