package io.switchboard.server.compliance;

import io.switchboard.server.config.MailSettings;
import io.switchboard.server.mail.OutboxSender;
import io.switchboard.server.store.compliance.ComplianceMailDao;
import io.switchboard.server.store.compliance.ComplianceReportDao;
import io.switchboard.server.store.compliance.StoredReport;
import io.switchboard.server.util.Periodic;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's sender of the compliance report mail: every period it sends what is due, each row
 * claimed with {@code FOR UPDATE SKIP LOCKED} ({@link ComplianceMailDao#sendOne}), through the
 * same SMTP server as ticket replies, from the first support address, with the report's PDF in
 * English and in Chinese attached. Failures are retried with the ticket outbox's back-off, at most
 * {@link #MAX_ATTEMPTS} times.
 *
 * <p>Thread-safe: runs on its own single thread.
 */
public final class ComplianceMailer implements AutoCloseable {
  static final int MAX_ATTEMPTS = 12;
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceMailer.class);

  private final ComplianceMailDao mail;
  private final ComplianceReportDao reports;
  private final MailSettings settings;
  private final Session session;
  private final Clock clock;
  private volatile Periodic task;

  public ComplianceMailer(ComplianceMailDao mail, ComplianceReportDao reports,
      MailSettings settings, Clock clock) {
    this.mail = mail;
    this.reports = reports;
    this.settings = settings;
    this.clock = clock;
    this.session = Session.getInstance(OutboxSender.properties(settings));
  }

  public void start() {
    task = Periodic.start("compliance-mail", Duration.ZERO, settings.outboxPeriod(), () -> {
      for (int i = 0; i < 20 && mail.sendOne(clock.instant(), this::attempt); i++) {
        // one row per transaction
      }
    });
  }

  private ComplianceMailDao.Attempt attempt(ComplianceMailDao.Item item) {
    try {
      send(item);
      return new ComplianceMailDao.Attempt("sent", null, null);
    } catch (MessagingException | RuntimeException | UnsupportedEncodingException e) {
      int attempts = item.attempts() + 1;
      LOG.info("compliance report mail to {} not sent (attempt {}): {}", item.recipient(),
          attempts, e.toString());
      return attempts >= MAX_ATTEMPTS ? new ComplianceMailDao.Attempt("failed", e.toString(), null)
          : new ComplianceMailDao.Attempt("queued", e.toString(),
              clock.instant().plus(OutboxSender.backOff(attempts)));
    }
  }

  private void send(ComplianceMailDao.Item item)
      throws MessagingException, UnsupportedEncodingException {
    StoredReport report = reports.list().stream().filter(r -> r.id() == item.reportId())
        .findFirst().orElseThrow(() -> new IllegalStateException("the report is gone"));
    ComplianceReportDao.Sender from = reports.sender()
        .orElseThrow(() -> new IllegalStateException("no support address to send from"));
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from.address(), from.displayName(), "UTF-8"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(item.recipient()));
    message.setSubject(ComplianceText.word("en", "title") + " / "
        + ComplianceText.word("zh-CN", "title") + " " + report.month(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text(report), "UTF-8");
    mixed.addBodyPart(body);
    for (String lang : ComplianceText.LANGUAGES) {
      Optional<byte[]> pdf = reports.file(report.id(), lang, "pdf");
      if (pdf.isPresent()) {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf.get(),
            "application/pdf")));
        file.setFileName("compliance-" + report.month() + "-" + lang + ".pdf");
        mixed.addBodyPart(file);
      }
    }
    message.setContent(mixed);
    try (Transport transport = session.getTransport(
        settings.smtpTls().equals("tls") ? "smtps" : "smtp")) {
      transport.connect(settings.smtpHost(), settings.smtpPort(), settings.smtpUser(),
          settings.smtpPassword());
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  /** The mail's text: the headline figures in both languages, the PDFs attached. */
  static String text(StoredReport r) {
    String percent = r.availabilityPercent() == null ? "–"
        : String.format(Locale.ROOT, "%.3f%%", r.availabilityPercent());
    String down = String.format(Locale.ROOT, "%.1f", r.downSeconds() / 60.0);
    return "The compliance report of " + r.month() + " is attached (PDF, English and Chinese); "
        + "every site's report and the HTML and CSV versions are under Compliance reports in "
        + "the console.\nAvailability: " + percent + ", downtime " + down + " min, SLA breaches: "
        + r.slaBreached() + ".\n\n" + r.month() + " 月度合规报告见附件（PDF，中英文）；各站点报告及 "
        + "HTML、CSV 版本见控制台“合规报告”。\n可用性：" + percent + "，停机 " + down
        + " 分钟，SLA 违约：" + r.slaBreached() + "。\n";
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
