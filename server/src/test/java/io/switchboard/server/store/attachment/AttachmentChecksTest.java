package io.switchboard.server.store.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a message's files must satisfy, each refusal with its code and what it names. */
class AttachmentChecksTest {
  private static final AttachmentPolicy POLICY =
      new AttachmentPolicy(1000, 1500, List.of("image/*", "application/pdf"));

  @Test
  void filesWithinTheRulesBecomeTheirReferencesInOrder() {
    Attachment a = upload("visitor", "c1", 900, "image/png");
    Attachment b = upload("visitor", "c1", 500, "application/pdf");
    assertThat(check(List.of(b.id(), a.id()), List.of(a, b)))
        .extracting(AttachmentRef::id).containsExactly(b.id(), a.id());
  }

  @Test
  void eachProblemIsNamed() {
    Attachment big = upload("visitor", "c1", 1001, "image/png");
    assertRefused(List.of(big), ErrorCode.FILE_TOO_LARGE, "1000 bytes");
    Attachment a = upload("visitor", "c1", 900, "image/png");
    Attachment b = upload("visitor", "c1", 900, "image/png");
    assertRefused(List.of(a, b), ErrorCode.FILE_TOO_LARGE, "per message (1500 bytes)");
    assertRefused(List.of(upload("visitor", "c1", 10, "text/html")), ErrorCode.UNSUPPORTED_TYPE,
        "text/html");
    assertRefused(List.of(upload("visitor", "someone-else", 10, "image/png")),
        ErrorCode.NOT_FOUND, "no upload");
    assertRefused(List.of(upload("staff", "c1", 10, "image/png")), ErrorCode.NOT_FOUND,
        "no upload");
  }

  @Test
  void idsAreParsedCheckedAndCapped() {
    UUID id = UUID.randomUUID();
    assertThat(AttachmentChecks.ids(List.of(id.toString()))).containsExactly(id);
    assertThat(AttachmentChecks.ids(null)).isEmpty();
    assertThatThrownBy(() -> AttachmentChecks.ids(List.of(id.toString(), id.toString())))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> AttachmentChecks.ids(List.of("nope")))
        .hasMessageContaining("nope is not an attachment id");
    assertThatThrownBy(() -> AttachmentChecks.ids(java.util.stream.Stream
        .generate(() -> UUID.randomUUID().toString()).limit(11).toList()))
        .hasMessageContaining("at most 10");
  }

  private static void assertRefused(List<Attachment> files, ErrorCode code, String names) {
    assertThatThrownBy(() -> check(files.stream().map(Attachment::id).toList(), files))
        .isInstanceOf(SwitchboardException.class)
        .satisfies(e -> assertThat(((SwitchboardException) e).code()).isEqualTo(code))
        .hasMessageContaining(names);
  }

  private static List<AttachmentRef> check(List<UUID> ids, List<Attachment> found) {
    return AttachmentChecks.check(ids, found, "site-1", "visitor", "c1", POLICY, a -> false);
  }

  private static Attachment upload(String role, String uploader, long size, String type) {
    return new Attachment(UUID.randomUUID(), "site-1", "0".repeat(64), size, type, "f", role,
        uploader, Instant.EPOCH, null, null, null, null);
  }
}
