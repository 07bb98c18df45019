package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mail settings: their defaults, and each wrong value refused with its name. */
class MailSettingsTest {
  @Test
  void defaultsMeanNoListenerNoSmtpServerAndTheEmbeddedOne() {
    MailSettings mail = ConfigLoader.load(Map.of()).mail();
    assertThat(mail.listenPort()).isEqualTo(-1);
    assertThat(mail.smtpHost()).isNull();
    assertThat(mail.smtpTls()).isEqualTo("starttls");
    assertThat(mail.smtpPort()).isEqualTo(587);
    assertThat(mail.wantsEmbedded()).isTrue();
    assertThat(mail.maxMessageBytes()).isEqualTo(25 * 1024 * 1024);
    assertThat(mail.outboxPeriod()).hasMillis(1000);
    assertThat(mail.imapPollPeriod()).hasSeconds(60);
  }

  @Test
  void aRealServerIsSetWithItsLoginAndImplicitTls() {
    MailSettings mail = ConfigLoader.load(Map.of("SWITCHBOARD_SMTP_HOST", "smtp.example.com",
        "SWITCHBOARD_SMTP_TLS", "TLS", "SWITCHBOARD_SMTP_USER", "switchboard",
        "SWITCHBOARD_SMTP_PASSWORD", "secret", "SWITCHBOARD_SMTP_LISTEN_PORT", "2525")).mail();
    assertThat(mail.smtpTls()).isEqualTo("tls");
    assertThat(mail.smtpPort()).isEqualTo(465);
    assertThat(mail.listenPort()).isEqualTo(2525);
    assertThat(mail.wantsEmbedded()).isFalse();
  }

  @Test
  void wrongValuesAreRefusedByName() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_SMTP_TLS", "ssl",
        "SWITCHBOARD_SMTP_USER", "only-the-user", "SWITCHBOARD_SMTP_LISTEN_PORT", "70000",
        "SWITCHBOARD_SMTP_PORT", "0", "SWITCHBOARD_MAIL_OUTBOX_MS", "10")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_SMTP_TLS=ssl must be none, starttls or tls")
        .hasMessageContaining("SWITCHBOARD_SMTP_USER and SWITCHBOARD_SMTP_PASSWORD go together")
        .hasMessageContaining("SWITCHBOARD_SMTP_LISTEN_PORT=70000")
        .hasMessageContaining("SWITCHBOARD_SMTP_PORT=0 must be between 1 and 65535")
        .hasMessageContaining("SWITCHBOARD_MAIL_OUTBOX_MS=10 must be between 50 and 600000");
  }
}
