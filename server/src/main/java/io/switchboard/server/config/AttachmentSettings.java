package io.switchboard.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Where attachments are stored and the limits every site shares.
 *
 * <p>Immutable and thread-safe.
 *
 * @param store {@code files} (under the data directory) or {@code s3}
 * @param s3 the object store, when {@code store} is {@code s3}; null otherwise
 * @param maxUploadBytes the largest upload the server reads at all; a site's per-file limit can
 *     be at most this
 * @param linkTtl how long a signed download link stays valid
 * @param unreferencedTtl how long an upload may wait to be sent before it is removed
 */
public record AttachmentSettings(String store, S3 s3, long maxUploadBytes, Duration linkTtl,
    Duration unreferencedTtl) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_BLOB_STORE", "SWITCHBOARD_S3_ENDPOINT",
      "SWITCHBOARD_S3_REGION", "SWITCHBOARD_S3_BUCKET", "SWITCHBOARD_S3_ACCESS_KEY",
      "SWITCHBOARD_S3_SECRET_KEY", "SWITCHBOARD_S3_PATH_STYLE", "SWITCHBOARD_S3_PREFIX",
      "SWITCHBOARD_UPLOAD_MAX_MB", "SWITCHBOARD_ATTACHMENT_LINK_MINUTES");

  /** An S3-compatible object store: endpoint null means AWS itself. */
  public record S3(URI endpoint, String region, String bucket, String accessKey,
      String secretKey, boolean pathStyle, String prefix) {
    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
          + ", pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
  }

  static AttachmentSettings load(Settings s) {
    String store = s.text("SWITCHBOARD_BLOB_STORE", "files").toLowerCase(Locale.ROOT);
    S3 s3 = null;
    if (store.equals("s3")) {
      s3 = s3(s);
    } else if (!store.equals("files")) {
      s.problems().add("SWITCHBOARD_BLOB_STORE=" + store + " must be files or s3");
    }
    long maxUpload = s.integer("SWITCHBOARD_UPLOAD_MAX_MB", 100, 1, 2047) * 1024L * 1024L;
    Duration link = Duration.ofMinutes(
        s.integer("SWITCHBOARD_ATTACHMENT_LINK_MINUTES", 720, 1, 7 * 24 * 60));
    return new AttachmentSettings(store, s3, maxUpload, link, Duration.ofDays(1));
  }

  private static S3 s3(Settings s) {
    URI endpoint = null;
    String value = s.text("SWITCHBOARD_S3_ENDPOINT", null);
    if (value != null) {
      try {
        endpoint = new URI(value);
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
            || endpoint.getHost() == null) {
          throw new URISyntaxException(value, "needs http:// or https:// and a host");
        }
      } catch (URISyntaxException e) {
        s.problems().add("SWITCHBOARD_S3_ENDPOINT=" + value
            + " is not a URL like http://127.0.0.1:9000 (" + e.getReason() + ")");
      }
    }
    String bucket = s.text("SWITCHBOARD_S3_BUCKET", null);
    if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      s.problems().add("SWITCHBOARD_S3_BUCKET=" + bucket + " must name a bucket (3-63 lower-case"
          + " letters, digits, dots and dashes) when SWITCHBOARD_BLOB_STORE=s3");
    }
    String accessKey = s.text("SWITCHBOARD_S3_ACCESS_KEY", null);
    String secretKey = s.text("SWITCHBOARD_S3_SECRET_KEY", null);
    if (accessKey == null || secretKey == null) {
      s.problems().add("SWITCHBOARD_S3_ACCESS_KEY and SWITCHBOARD_S3_SECRET_KEY are both needed"
          + " when SWITCHBOARD_BLOB_STORE=s3");
    }
    String prefix = s.text("SWITCHBOARD_S3_PREFIX", "attachments/");
    if (prefix.startsWith("/") || prefix.contains("..")) {
      s.problems().add("SWITCHBOARD_S3_PREFIX=" + prefix + " must not start with / or contain ..");
    }
    return new S3(endpoint, s.text("SWITCHBOARD_S3_REGION", "us-east-1"), bucket, accessKey,
        secretKey, s.bool("SWITCHBOARD_S3_PATH_STYLE", true), prefix);
  }
}
