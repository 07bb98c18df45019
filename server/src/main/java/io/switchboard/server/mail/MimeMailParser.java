package io.switchboard.server.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw mail with Jakarta Mail (Angus): headers, addresses, encoded words, the text and HTML
 * alternatives and the attachment parts of any nesting. Nothing here reads MIME by hand.
 *
 * <p>Thread-safe: stateless (each parse has its own message).
 */
public final class MimeMailParser {
  /** The headers that tell automatic mail apart (see {@link LoopGuard}). */
  static final List<String> LOOP_HEADERS = List.of("Auto-Submitted", "Precedence", "X-Autoreply",
      "X-Autorespond", "X-Auto-Response-Suppress", "List-Id", "List-Unsubscribe", "Return-Path",
      "X-Loop", "X-Switchboard-Ticket");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Session SESSION = Session.getInstance(new Properties());

  /** Parses {@code raw}; a mail Jakarta Mail cannot read at all is an {@link IOException}. */
  public ParsedMail parse(byte[] raw) throws IOException {
    try {
      MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      Bodies bodies = new Bodies();
      walk(message, bodies);
      InternetAddress from = firstAddress(message.getFrom());
      List<String> recipients = new ArrayList<>();
      for (Address to : orEmpty(message.getAllRecipients())) {
        if (to instanceof InternetAddress address) {
          recipients.add(address.getAddress().toLowerCase(Locale.ROOT));
        }
      }
      List<String> references = new ArrayList<>();
      addIds(references, message.getHeader("In-Reply-To", " "));
      List<String> older = new ArrayList<>();
      addIds(older, message.getHeader("References", " "));
      for (int i = older.size() - 1; i >= 0; i--) {
        if (!references.contains(older.get(i))) {
          references.add(older.get(i));
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : LOOP_HEADERS) {
        String value = message.getHeader(name, ",");
        if (value != null) {
          headers.put(name.toLowerCase(Locale.ROOT), value.strip());
        }
      }
      List<String> ids = new ArrayList<>();
      addIds(ids, message.getHeader("Message-ID", " "));
      return new ParsedMail(ids.isEmpty() ? null : ids.get(0),
          from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
          from == null ? null : from.getPersonal(), recipients, message.getSubject(), references,
          bodies.text, bodies.html, headers, message.isMimeType("multipart/report"),
          bodies.parts);
    } catch (MessagingException e) {
      throw new IOException("unreadable mail: " + e.getMessage(), e);
    }
  }

  /** The first text and HTML bodies (not attachments) and every other part, depth first. */
  private static void walk(Part part, Bodies bodies) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, bodies);
      }
      return;
    }
    String disposition = part.getDisposition();
    boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
    if (!attached && part.isMimeType("text/plain") && bodies.text == null) {
      bodies.text = part.getContent().toString();
    } else if (!attached && part.isMimeType("text/html") && bodies.html == null) {
      bodies.html = part.getContent().toString();
    } else if (!part.isMimeType("message/delivery-status")) {
      bodies.parts.add(new MailPart(fileName(part), baseType(part.getContentType()),
          bytes(part), contentId(part), Part.INLINE.equalsIgnoreCase(disposition)));
    }
  }

  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (java.io.UnsupportedEncodingException e) {
      return name;
    }
  }

  private static String contentId(Part part) throws MessagingException {
    String[] ids = part.getHeader("Content-ID");
    if (ids == null || ids.length == 0) {
      return null;
    }
    Matcher matcher = MESSAGE_ID.matcher(ids[0]);
    return matcher.find() ? matcher.group(1) : ids[0].strip();
  }

  private static byte[] bytes(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String baseType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
        .toLowerCase(Locale.ROOT);
  }

  private static void addIds(List<String> into, String header) {
    if (header == null) {
      return;
    }
    Matcher matcher = MESSAGE_ID.matcher(header);
    while (matcher.find()) {
      if (!into.contains(matcher.group(1))) {
        into.add(matcher.group(1));
      }
    }
  }

  private static InternetAddress firstAddress(Address[] addresses) {
    for (Address address : orEmpty(addresses)) {
      if (address instanceof InternetAddress internet) {
        return internet;
      }
    }
    return null;
  }

  private static Address[] orEmpty(Address[] addresses) {
    return addresses == null ? new Address[0] : addresses;
  }

  private static final class Bodies {
    String text;
    String html;
    final List<MailPart> parts = new ArrayList<>();
  }
}
