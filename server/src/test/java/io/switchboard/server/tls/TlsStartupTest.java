package io.switchboard.server.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.TestCertificates;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point ({@code Main} in its own process) refuses to start on TLS files it cannot
 * use, and says which file and why, before it starts anything else.
 */
class TlsStartupTest {
  @TempDir
  Path files;

  @Test
  void aMissingCertificateStopsTheNodeNamingTheFile() {
    Path missing = files.resolve("missing.crt");
    Path key = files.resolve("server.key");
    TestCertificates.write(TestCertificates.authority("Startup CA").issue(BigInteger.ONE),
        files.resolve("server.crt"), key);
    assertThatThrownBy(() -> NodeProcess.start(NodeProcess.freePort(), Map.of(
        "SWITCHBOARD_TLS_CERT", missing.toString(), "SWITCHBOARD_TLS_KEY", key.toString())))
        .hasMessageContaining("node exited")
        .hasMessageContaining("SWITCHBOARD_TLS_CERT=" + missing + ": no such file");
  }

  @Test
  void aBrokenKeyStopsTheNodeNamingTheFile() throws Exception {
    Path certificate = files.resolve("server.crt");
    Path key = files.resolve("server.key");
    TestCertificates.write(TestCertificates.authority("Startup CA").issue(BigInteger.ONE),
        certificate, key);
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> NodeProcess.start(NodeProcess.freePort(), Map.of(
        "SWITCHBOARD_TLS_CERT", certificate.toString(), "SWITCHBOARD_TLS_KEY", key.toString())))
        .hasMessageContaining("node exited")
        .hasMessageContaining(key + " holds a private key that is not RSA, EC or Ed25519");
  }
}
