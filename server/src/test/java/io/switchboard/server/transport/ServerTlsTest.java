package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.switchboard.server.config.TransitSecurity;
import io.switchboard.server.testing.TestCertificates;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/**
 * The node's TLS context on its own: what it offers, that its timer picks up renewed files by
 * their modification time, and that SIGHUP reloads at once.
 */
class ServerTlsTest {
  @TempDir
  Path files;

  private TransitSecurity settings(Duration reloadInterval) {
    return new TransitSecurity(TransitSecurity.Profile.DEVELOPMENT, files.resolve("tls.crt"),
        files.resolve("tls.key"), reloadInterval, Duration.ofDays(365), false, null);
  }

  /** Writes a certificate with this serial from the authority over the two files. */
  private void writeServerFiles(TestCertificates authority, int serial) {
    TestCertificates.write(authority.issue(BigInteger.valueOf(serial)), files.resolve("tls.crt"),
        files.resolve("tls.key"));
  }

  /** Sets both files' modification time. */
  private void setTimes(FileTime time) throws Exception {
    Files.setLastModifiedTime(files.resolve("tls.crt"), time);
    Files.setLastModifiedTime(files.resolve("tls.key"), time);
  }

  @Test
  void onlyTls13And12WithForwardSecretAeadSuitesAreEnabled() {
    writeServerFiles(TestCertificates.authority("Engine CA"), 1);
    try (ServerTls tls = ServerTls.start(settings(Duration.ofHours(1)))) {
      SSLEngine engine = tls.newHandler(ByteBufAllocator.DEFAULT).engine();
      assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
      assertThat(engine.getEnabledCipherSuites()).isNotEmpty()
          .allMatch(ServerTls.CIPHERS::contains, "one of the listed suites");
      assertThat(Arrays.asList(engine.getEnabledCipherSuites()))
          .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }
  }

  @Test
  void theTimerLoadsRenewedFiles() throws Exception {
    TestCertificates authority = TestCertificates.authority("Timer CA");
    writeServerFiles(authority, 41);
    try (ServerTls tls = ServerTls.start(settings(Duration.ofMillis(200)))) {
      assertThat(tls.certificate().getSerialNumber()).isEqualTo(41);
      writeServerFiles(authority, 42);
      setTimes(FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> tls.certificate().getSerialNumber().intValue() == 42);
    }
  }

  @Test
  void sighupReloadsAtOnceWhateverTheModificationTimes() throws Exception {
    TestCertificates authority = TestCertificates.authority("Hangup CA");
    writeServerFiles(authority, 51);
    FileTime loaded = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    setTimes(loaded);
    try (ServerTls tls = ServerTls.start(settings(Duration.ofHours(1)))) {
      Assumptions.assumeTrue(tls.reloadOnHangup(),
          "this process ignores SIGHUP (started under nohup), so it cannot be sent one");
      writeServerFiles(authority, 52);
      setTimes(loaded);
      assertThat(tls.reloadIfChanged()).as("the times did not change").isFalse();
      Signal.raise(new Signal("HUP"));
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> tls.certificate().getSerialNumber().intValue() == 52);
    }
  }

  @Test
  void anUnusableFileAtStartIsNamed() throws Exception {
    Files.writeString(files.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
    Files.writeString(files.resolve("tls.key"), "nothing");
    assertThatThrownBy(() -> ServerTls.start(settings(Duration.ofHours(1))))
        .hasMessageStartingWith("TLS cannot start: " + files.resolve("tls.crt"));
  }
}
