package io.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the parser makes of real MIME: encoded words, threading headers with the parent first,
 * the text and HTML alternatives, attachment and inline parts (name, declared type, bytes: ready
 * for attachment storage), and the HTML's text version with its quotes marked.
 */
class MimeMailParserTest {
  private final MimeMailParser parser = new MimeMailParser();

  @Test
  void headersAlternativesAndAttachmentPartsAreRead() throws Exception {
    String raw = String.join("\r\n",
        "From: =?UTF-8?B?5byg5LiJ?= <Zhang@Example.CN>",
        "To: help@support.test",
        "Subject: =?UTF-8?Q?Caf=C3=A9_order?=",
        "Message-ID: <child@example.cn>",
        "In-Reply-To: <parent@support.test>",
        "References: <root@example.cn> <parent@support.test>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "--outer",
        "Content-Type: multipart/alternative; boundary=\"alt\"",
        "",
        "--alt",
        "Content-Type: text/plain; charset=UTF-8",
        "",
        "Plain words",
        "--alt",
        "Content-Type: text/html; charset=UTF-8",
        "",
        "<p>HTML words</p>",
        "--alt--",
        "--outer",
        "Content-Type: application/pdf; name=\"invoice.pdf\"",
        "Content-Disposition: attachment; filename=\"invoice.pdf\"",
        "Content-Transfer-Encoding: base64",
        "",
        "JVBERi0xLjQK",
        "--outer",
        "Content-Type: image/png",
        "Content-Disposition: inline",
        "Content-ID: <logo@x>",
        "Content-Transfer-Encoding: base64",
        "",
        "iVBORw0KGgo=",
        "--outer--",
        "");
    ParsedMail mail = parser.parse(raw.getBytes(StandardCharsets.US_ASCII));
    assertThat(mail.messageId()).isEqualTo("child@example.cn");
    assertThat(mail.fromAddress()).isEqualTo("zhang@example.cn");
    assertThat(mail.fromName()).isEqualTo("张三");
    assertThat(mail.subject()).isEqualTo("Café order");
    assertThat(mail.references()).containsExactly("parent@support.test", "root@example.cn");
    assertThat(mail.text()).isEqualTo("Plain words");
    assertThat(mail.html()).isEqualTo("<p>HTML words</p>");
    assertThat(mail.parts()).hasSize(2);
    MailPart pdf = mail.parts().get(0);
    assertThat(pdf.fileName()).isEqualTo("invoice.pdf");
    assertThat(pdf.declaredType()).isEqualTo("application/pdf");
    assertThat(new String(pdf.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
    MailPart logo = mail.parts().get(1);
    assertThat(logo.inline()).isTrue();
    assertThat(logo.contentId()).isEqualTo("logo@x");
    assertThat(logo.bytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void htmlBecomesSafeHtmlAndTextWithQuotesMarked() {
    String html = "<div>Works now<br>thanks</div><div class=\"gmail_quote\">On Sat, Support wrote:"
        + "<blockquote>Try again</blockquote></div><script>steal()</script>"
        + "<a href=\"https://example.com\" onmouseover=\"x()\">link</a>";
    assertThat(HtmlMail.text(html)).startsWith("Works now\nthanks\n> On Sat, Support wrote:");
    assertThat(QuoteStripper.strip(HtmlMail.text(html))).isEqualTo("Works now\nthanks\nlink");
    String clean = HtmlMail.sanitize(html);
    assertThat(clean).doesNotContain("script").doesNotContain("steal").doesNotContain("onmouseover")
        .contains("<a href=\"https://example.com\" rel=\"nofollow noopener noreferrer\">link</a>");
  }

  @Test
  void aMailWithoutMessageIdGetsTheSameIdForTheSameBytes() {
    byte[] raw = "From: a@example.com\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(MailIntake.hashId(raw)).isEqualTo(MailIntake.hashId(raw.clone()))
        .endsWith("@no-message-id.invalid");
  }
}
