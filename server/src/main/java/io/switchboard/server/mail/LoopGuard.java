package io.switchboard.server.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells automatic mail apart, so it never opens a ticket and never gets an answer: auto-replies
 * ({@code Auto-Submitted} other than {@code no}, {@code X-Autoreply}, {@code X-Autorespond}),
 * bulk and list mail ({@code Precedence: bulk/list/junk/auto_reply}, {@code List-Id},
 * {@code List-Unsubscribe}), bounces (a null envelope sender or {@code Return-Path: <>}, a
 * {@code MAILER-DAEMON} or {@code postmaster} sender, a {@code multipart/report}), and mail from
 * one of our own support addresses. The answer is the reason operators see.
 *
 * <p>Thread-safe: stateless.
 */
public final class LoopGuard {
  private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster",
      "mail-daemon", "mailerdaemon");
  private static final Set<String> BULK = Set.of("bulk", "list", "junk", "auto_reply");

  private static final java.util.regex.Pattern NO_REPLY = java.util.regex.Pattern.compile(
      "^(no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?|auto[-_.]?(reply|responder))([-+_.].*)?$");

  private LoopGuard() {}

  /**
   * Whether mail to {@code address} would go to a machine, never to a person: a mailer daemon or
   * postmaster, or a no-reply, do-not-reply, bounce or auto-responder mailbox. Nothing automatic
   * (such as a rating request) is sent there.
   */
  public static boolean automatedAddress(String address) {
    if (address == null || address.indexOf('@') < 1) {
      return true;
    }
    String local = address.substring(0, address.indexOf('@')).strip().toLowerCase(Locale.ROOT);
    return DAEMONS.contains(local) || NO_REPLY.matcher(local).matches();
  }

  /**
   * Why the mail must be ignored, or empty when it is a person's mail. {@code envelopeSender} is
   * the SMTP {@code MAIL FROM} ({@code ""} for a bounce; null when unknown, as from IMAP).
   */
  public static Optional<String> reason(ParsedMail mail, String envelopeSender,
      Predicate<String> ourAddress) {
    String autoSubmitted = mail.header("Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.equalsIgnoreCase("no")) {
      return Optional.of("auto_submitted");
    }
    if (mail.header("X-Autoreply") != null || mail.header("X-Autorespond") != null) {
      return Optional.of("auto_reply");
    }
    String precedence = mail.header("Precedence");
    if (precedence != null && BULK.contains(precedence.toLowerCase(Locale.ROOT).strip())) {
      return Optional.of("precedence_" + precedence.toLowerCase(Locale.ROOT).strip());
    }
    if (mail.header("List-Id") != null || mail.header("List-Unsubscribe") != null) {
      return Optional.of("mailing_list");
    }
    if (mail.report()) {
      return Optional.of("delivery_report");
    }
    String returnPath = mail.header("Return-Path");
    if ((envelopeSender != null && envelopeSender.isBlank())
        || (returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty())) {
      return Optional.of("bounce");
    }
    if (mail.fromAddress() == null) {
      return Optional.of("no_sender");
    }
    String local = mail.fromAddress().substring(0, Math.max(0, mail.fromAddress().indexOf('@')));
    if (DAEMONS.contains(local.toLowerCase(Locale.ROOT))) {
      return Optional.of("mailer_daemon");
    }
    if (ourAddress.test(mail.fromAddress())) {
      return Optional.of("own_address");
    }
    return Optional.empty();
  }
}
