package io.switchboard.server.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.switchboard.server.config.PemCredentials;
import io.switchboard.server.config.TransitSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The node's TLS: a Netty {@link SslContext} built from the PEM certificate and key, offering
 * TLS 1.3 and 1.2 only with forward-secret AEAD cipher suites, on the JDK's provider. Every
 * {@code reloadInterval} it compares the two files' modification times with those it loaded;
 * when they changed it builds a new context, which new connections get while open ones keep
 * theirs; {@code SIGHUP} reloads at once when {@link #reloadOnHangup} asked for it. A file that
 * cannot be used then leaves the current certificate in place and is logged.
 *
 * <p>Thread-safe: the current context is published through a volatile field; reloads are
 * serialised.
 */
public final class ServerTls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
  /** The protocol versions offered, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /**
   * The cipher suites offered: TLS 1.3's three, and for TLS 1.2 only ECDHE key exchange with
   * AES-GCM or ChaCha20-Poly1305 (forward secrecy and authenticated encryption).
   */
  public static final List<String> CIPHERS = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** What was loaded, and the modification times of the files it came from. */
  private record Loaded(SslContext context, X509Certificate certificate, List<FileTime> stamps) {}

  private final Path certificateFile;
  private final Path keyFile;
  private final ScheduledExecutorService checker;
  private volatile Loaded current;
  private List<FileTime> lastRefused;
  private volatile SignalHandler previousHangup;

  private ServerTls(Path certificateFile, Path keyFile, Loaded first) {
    this.certificateFile = certificateFile;
    this.keyFile = keyFile;
    this.current = first;
    this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tls-reload");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Loads the certificate and key named by {@code settings} and checks them for changes every
   * {@code settings.reloadInterval()}.
   *
   * @throws IllegalStateException naming the file when the certificate or key cannot be used
   */
  public static ServerTls start(TransitSecurity settings) {
    Path certificate = settings.certificate();
    Path key = settings.privateKey();
    try {
      ServerTls tls = new ServerTls(certificate, key, load(certificate, key));
      long every = settings.reloadInterval().toMillis();
      tls.checker.scheduleWithFixedDelay(tls::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
      LOG.info("TLS on: {} (serial {}, valid until {})", tls.certificate().getSubjectX500Principal(),
          tls.certificate().getSerialNumber().toString(16), tls.certificate().getNotAfter());
      return tls;
    } catch (PemCredentials.PemException | IOException e) {
      throw new IllegalStateException("TLS cannot start: " + e.getMessage(), e);
    }
  }

  private static Loaded load(Path certificateFile, Path keyFile)
      throws PemCredentials.PemException, IOException {
    List<FileTime> stamps = stamps(certificateFile, keyFile);
    PemCredentials credentials = PemCredentials.read(certificateFile, keyFile);
    SslContext context = SslContextBuilder
        .forServer(credentials.key(), credentials.chain().toArray(X509Certificate[]::new))
        .sslProvider(SslProvider.JDK)
        .protocols(PROTOCOLS)
        .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .build();
    return new Loaded(context, credentials.leaf(), stamps);
  }

  private static List<FileTime> stamps(Path certificateFile, Path keyFile) throws IOException {
    return List.of(Files.getLastModifiedTime(certificateFile), Files.getLastModifiedTime(keyFile));
  }

  /** A handler for one new connection, with the certificate current now. */
  public SslHandler newHandler(ByteBufAllocator allocator) {
    return current.context().newHandler(allocator);
  }

  /** The certificate new connections get. */
  public X509Certificate certificate() {
    return current.certificate();
  }

  /**
   * Loads the files again when their modification times differ from those loaded (or last
   * refused). Returns whether new connections now get a new certificate.
   */
  public boolean reloadIfChanged() {
    return reload(false);
  }

  /**
   * Also reloads on {@code SIGHUP} ({@code kill -HUP <pid>}), whatever the files' modification
   * times say, for renewal tools that signal the server after writing the files. Answers false
   * when this process cannot handle SIGHUP (it was started ignoring it, as under {@code nohup});
   * the files are then still checked every reload interval.
   */
  public boolean reloadOnHangup() {
    try {
      previousHangup = Signal.handle(new Signal("HUP"), signal -> checker.execute(() -> reload(true)));
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("SIGHUP cannot be handled in this JVM ({}); the certificate files are still checked"
          + " every reload interval", e.getMessage());
      return false;
    }
  }

  private synchronized boolean reload(boolean force) {
    List<FileTime> now;
    try {
      now = stamps(certificateFile, keyFile);
    } catch (IOException e) {
      LOG.warn("TLS certificate not reloaded, keeping serial {}: cannot read {}",
          certificate().getSerialNumber().toString(16), e.getMessage());
      return false;
    }
    if (!force && (now.equals(current.stamps()) || now.equals(lastRefused))) {
      return false;
    }
    try {
      Loaded loaded = load(certificateFile, keyFile);
      current = loaded;
      lastRefused = null;
      LOG.info("TLS certificate reloaded: {} (serial {}, valid until {})",
          loaded.certificate().getSubjectX500Principal(),
          loaded.certificate().getSerialNumber().toString(16), loaded.certificate().getNotAfter());
      return true;
    } catch (PemCredentials.PemException | IOException | RuntimeException e) {
      lastRefused = now;
      LOG.warn("TLS certificate not reloaded, keeping serial {}: {}",
          certificate().getSerialNumber().toString(16), e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    if (previousHangup != null) {
      Signal.handle(new Signal("HUP"), previousHangup);
    }
    checker.shutdownNow();
  }
}
