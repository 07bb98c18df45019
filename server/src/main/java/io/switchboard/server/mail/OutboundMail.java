package io.switchboard.server.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the mail of a public reply with Jakarta Mail: from the support address, to the
 * requester, the ticket number in the subject ({@code Re: [#1042] Printer on fire}), our own
 * {@code Message-ID} (chosen when the reply was queued), {@code In-Reply-To} the requester's
 * latest mail and {@code References} every Message-ID of the ticket's mail, so the customer's mail
 * client threads it; the reply's text as UTF-8, and any attachment parts.
 *
 * <p>Thread-safe: stateless.
 */
public final class OutboundMail {
  /** At most this many Message-IDs go into {@code References} (the first and the latest). */
  static final int MAX_REFERENCES = 20;

  /** What a reply's mail says and where it goes. */
  public record Reply(String fromAddress, String fromName, String to, String toName,
      long ticketNumber, String subject, String text, String messageId, String inReplyTo,
      List<String> references, List<MailPart> attachments, Instant at) {}

  private OutboundMail() {}

  /** The subject with the ticket number, as a reply: {@code Re: [#N] subject}. */
  static String subject(long number, String subject) {
    String tag = "[#" + number + "]";
    String base = subject.contains(tag) ? subject : tag + " " + subject;
    return base.regionMatches(true, 0, "Re:", 0, 3) ? base : "Re: " + base;
  }

  public static MimeMessage build(Session session, Reply reply) throws MessagingException {
    String messageId = "<" + reply.messageId() + ">";
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      message.setFrom(new InternetAddress(reply.fromAddress(), reply.fromName(), "UTF-8"));
      message.setRecipient(MimeMessage.RecipientType.TO,
          new InternetAddress(reply.to(), reply.toName(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 is missing", e);
    }
    message.setSubject(subject(reply.ticketNumber(), reply.subject()), "UTF-8");
    message.setSentDate(Date.from(reply.at()));
    if (reply.inReplyTo() != null) {
      message.setHeader("In-Reply-To", "<" + reply.inReplyTo() + ">");
    }
    List<String> references = trimmed(reply.references());
    if (!references.isEmpty()) {
      message.setHeader("References",
          references.stream().map(id -> "<" + id + ">").collect(Collectors.joining(" ")));
    }
    message.setHeader("X-Switchboard-Ticket", Long.toString(reply.ticketNumber()));
    String text = reply.text() + "\n\n-- \nTicket #" + reply.ticketNumber()
        + ". Reply to this mail to add to it.\n";
    if (reply.attachments().isEmpty()) {
      message.setText(text, "UTF-8");
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      mixed.addBodyPart(body);
      for (MailPart part : reply.attachments()) {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(
            new ByteArrayDataSource(part.bytes(), part.declaredType())));
        file.setFileName(part.fileName());
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        // Always base64: a file of plain ASCII sent as 7bit would get CRLF line ends on the way.
        file.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(file);
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  /** The first Message-ID and the latest ones, at most {@link #MAX_REFERENCES} together. */
  static List<String> trimmed(List<String> references) {
    if (references.size() <= MAX_REFERENCES) {
      return references;
    }
    List<String> kept = new java.util.ArrayList<>();
    kept.add(references.get(0));
    kept.addAll(references.subList(references.size() - MAX_REFERENCES + 1, references.size()));
    return kept;
  }
}
