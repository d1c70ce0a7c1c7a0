package no.rusvarsel.alerts.delivery.email;

import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.EmailException;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.TransactionalEmailSender;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import no.rusvarsel.alerts.delivery.AttemptResult;
import no.rusvarsel.alerts.delivery.ChannelSender;
import no.rusvarsel.alerts.delivery.Delivery;
import no.rusvarsel.alerts.delivery.message.AlertMessages;
import no.rusvarsel.alerts.delivery.message.TestEnvelope;
import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Delivers messages by e-mail through micronaut-email (Jakarta Mail over SMTP): multipart plain text and HTML. */
@Singleton
public class EmailChannelSender implements ChannelSender {

    private final TransactionalEmailSender<Message, Void> mail;
    private final AlertMessages messages;
    private final Contact from;

    public EmailChannelSender(TransactionalEmailSender<Message, Void> mail, AlertMessages messages, MailSettings settings) {
        this.mail = mail;
        this.messages = messages;
        this.from = contact(settings.from());
    }

    private static Contact contact(String from) {
        try {
            var address = new InternetAddress(from, true);
            return address.getPersonal() == null ? new Contact(address.getAddress())
                    : new Contact(address.getAddress(), address.getPersonal());
        } catch (AddressException e) {
            throw new IllegalArgumentException("RUSVARSEL_MAIL_FROM is not an e-mail address: " + from, e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public AttemptResult send(Subscription s, Delivery d) {
        var rendered = TestEnvelope.TYPE.equals(d.type())
                ? AlertMail.test(messages.readTest(d.payload()))
                : AlertMail.alert(messages.readAlert(d.payload()), s.name());
        var email = Email.builder()
                .from(from)
                .to(s.target())
                .subject(rendered.subject())
                .body(new MultipartBody(rendered.html(), rendered.text()))
                .build();
        try {
            mail.send(email, message -> {
                try {
                    message.setHeader("Auto-Submitted", "auto-generated");
                    message.setHeader("X-Rusvarsel-Message-Id", d.messageId());
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            return AttemptResult.delivered(250, null);
        } catch (EmailException e) {
            return AttemptResult.failed(smtpCode(e), describe(e), null, null);
        }
    }

    private static Integer smtpCode(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = root.getMessage() == null ? "" : ": " + root.getMessage().strip();
        var text = "SMTP send failed: " + root.getClass().getSimpleName() + message;
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
