package io.switchboard.server.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted history and the signature off a reply's text, so a ticket's thread shows what
 * the customer wrote this time. It cuts at the first attribution line ({@code On ... wrote:},
 * {@code 在 ... 写道：}, {@code Le ... a écrit :}, {@code Am ... schrieb ...:}), Outlook's
 * {@code -----Original Message-----} or a {@code From:} header block, and the signature
 * delimiter {@code -- }; lines quoted with {@code >} are dropped. When nothing would be left the
 * text is kept as it was (the raw mail is kept anyway).
 *
 * <p>Thread-safe: stateless.
 */
public final class QuoteStripper {
  private static final Pattern[] ATTRIBUTION = {
      Pattern.compile("^\\s*On\\s.+\\swrote:\\s*$", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*在.+写道\\s*[:：]\\s*$"),
      Pattern.compile("^\\s*在.+寫道\\s*[:：]\\s*$"),
      Pattern.compile("^\\s*Le\\s.+\\sa\\s+écrit\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*Am\\s.+\\sschrieb\\s.*:\\s*$", Pattern.CASE_INSENSITIVE),
  };
  private static final Pattern ORIGINAL = Pattern.compile(
      "^\\s*-{2,}\\s*(Original Message|Forwarded message|原始邮件|原始郵件)\\s*-{2,}\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(From|发件人|寄件者)\\*?\\s*[:：]\\s*\\S.*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_NEXT = Pattern.compile(
      "^\\s*\\*?(Sent|Date|To|Subject|发送时间|日期|收件人|主题)\\*?\\s*[:：].*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern RULE = Pattern.compile("^\\s*_{8,}\\s*$");
  private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");

  private QuoteStripper() {}

  /** The reply without quoted history and signature. */
  public static String strip(String text) {
    if (text == null) {
      return "";
    }
    List<String> lines = text.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String withNext = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
      if (cutsHere(lines, i, line, withNext)) {
        break;
      }
      if (!line.stripLeading().startsWith(">")) {
        kept.add(line);
      }
    }
    String result = String.join("\n", kept).strip();
    return result.isEmpty() ? text.strip() : result;
  }

  private static boolean cutsHere(List<String> lines, int i, String line, String withNext) {
    if (SIGNATURE.matcher(line).matches() || ORIGINAL.matcher(line).matches()) {
      return true;
    }
    for (Pattern attribution : ATTRIBUTION) {
      if (attribution.matcher(line).matches()
          || (!line.isBlank() && attribution.matcher(withNext).matches()
              && lines.get(i + 1).strip().toLowerCase(java.util.Locale.ROOT).endsWith(":"))) {
        return true;
      }
    }
    boolean headerBlock = HEADER_FROM.matcher(line).matches() && i + 1 < lines.size()
        && HEADER_NEXT.matcher(lines.get(i + 1)).matches();
    boolean ruleThenHeader = RULE.matcher(line).matches() && i + 1 < lines.size()
        && HEADER_FROM.matcher(lines.get(i + 1)).matches();
    return headerBlock || ruleThenHeader;
  }
}
