package io.switchboard.server.availability;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What the availability probe trusts when it dials the node's own TLS port (no public URL is
 * configured): the certificates of the node's own certificate file, as read at each handshake,
 * and those it held before (a renewed file is served only after the node's next reload check).
 * The chain is validated against them; the host name is not checked, because the probe dials the
 * address the node listens on, which the certificate need not name.
 *
 * <p>Thread-safe: checks are serialised.
 */
final class OwnCertificateTrust extends X509ExtendedTrustManager {
  /** Certificates remembered from earlier reads of the file, at most. */
  private static final int REMEMBERED = 16;

  private final Path certificateFile;
  private final Set<X509Certificate> trusted = new LinkedHashSet<>();

  private OwnCertificateTrust(Path certificateFile) {
    this.certificateFile = certificateFile;
  }

  /** A client TLS context that trusts the node's own certificate file. */
  static SSLContext context(Path certificateFile) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new OwnCertificateTrust(certificateFile)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  private synchronized void check(X509Certificate[] chain, String authType)
      throws CertificateException {
    try (InputStream in = Files.newInputStream(certificateFile)) {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.remove(certificate);
        trusted.add((X509Certificate) certificate);
      }
    } catch (IOException e) {
      throw new CertificateException("cannot read " + certificateFile + ": " + e.getMessage(), e);
    }
    List<X509Certificate> newestLast = new ArrayList<>(trusted);
    trusted.retainAll(newestLast.subList(Math.max(0, newestLast.size() - REMEMBERED),
        newestLast.size()));
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (X509Certificate certificate : trusted) {
        store.setCertificateEntry("own-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager pkix) {
          pkix.checkServerTrusted(chain, authType);
          return;
        }
      }
      throw new CertificateException("no X.509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      if (e instanceof CertificateException refused) {
        throw refused;
      }
      throw new CertificateException(e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the probe is a client");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the probe is a client");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the probe is a client");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
