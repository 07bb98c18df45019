package io.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quoted history and signatures that replies lose, client by client. */
class QuoteStripperTest {
  @Test
  void gmailAndAppleAttributionsCutTheQuote() {
    assertThat(QuoteStripper.strip("Thanks, that worked.\n\nOn Sat, 5 Dec 2026 at 10:00, Support"
        + " <help@example.com> wrote:\n> Try turning it off and on.\n> Regards"))
        .isEqualTo("Thanks, that worked.");
    // The attribution wrapped over two lines.
    assertThat(QuoteStripper.strip("Yes.\n\nOn Sat, 5 Dec 2026 at 10:00, Example Support Team\n"
        + "<help@example.com> wrote:\n> Is it fixed?")).isEqualTo("Yes.");
  }

  @Test
  void quotedLinesAreDroppedEvenBetweenAnswers() {
    assertThat(QuoteStripper.strip("> Which printer?\nThe one on floor 2.\n> Since when?\n"
        + "Monday.")).isEqualTo("The one on floor 2.\nMonday.");
  }

  @Test
  void outlookOriginalMessageAndHeaderBlocksCutTheQuote() {
    assertThat(QuoteStripper.strip("Please cancel.\r\n\r\n-----Original Message-----\r\n"
        + "From: Support\r\nSent: Saturday\r\nSubject: Order")).isEqualTo("Please cancel.");
    assertThat(QuoteStripper.strip("See attached.\n\nFrom: Support <help@example.com>\n"
        + "Sent: Saturday, December 5, 2026 10:00 AM\nTo: Ada\nSubject: RE: Order"))
        .isEqualTo("See attached.");
    assertThat(QuoteStripper.strip("Fine.\n________________________________\n"
        + "From: Support\nDate: today")).isEqualTo("Fine.");
  }

  @Test
  void chineseClientsAttributionsCutTheQuote() {
    assertThat(QuoteStripper.strip("好的，谢谢。\n\n在 2026年12月5日 星期六 10:00，客服 <help@example.com> 写道：\n"
        + "> 请重启设备。")).isEqualTo("好的，谢谢。");
    assertThat(QuoteStripper.strip("收到\n\n------------------ 原始邮件 ------------------\n"
        + "发件人: 客服\n发送时间: 2026年12月5日")).isEqualTo("收到");
    assertThat(QuoteStripper.strip("已解决\n\n发件人: 客服 <help@example.com>\n"
        + "发送时间: 2026年12月5日 10:00\n收件人: 我")).isEqualTo("已解决");
  }

  @Test
  void theSignatureDelimiterCutsTheSignature() {
    assertThat(QuoteStripper.strip("Call me back.\n-- \nAda Lovelace\nAnalytical Engines Ltd"))
        .isEqualTo("Call me back.");
  }

  @Test
  void aReplyThatIsAllQuoteIsKeptAsItWas() {
    assertThat(QuoteStripper.strip("> only a quote\n> nothing new"))
        .isEqualTo("> only a quote\n> nothing new");
  }

  @Test
  void wordsThatOnlyLookLikeMarkersStay() {
    assertThat(QuoteStripper.strip("From: the billing team I heard nothing.\nStill waiting."))
        .isEqualTo("From: the billing team I heard nothing.\nStill waiting.");
    assertThat(QuoteStripper.strip("Numbers go -- down.")).isEqualTo("Numbers go -- down.");
  }
}
