package io.switchboard.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects of one bucket in an S3-compatible object store, under
 * {@code <prefix>ab/cd/<sha256>}. An object store writes an object whole or not at all, so a put
 * needs no temporary name; a put that returned is durable by the store's own guarantee.
 *
 * <p>Thread-safe: the SDK's client is.
 */
public final class S3BlobStore implements BlobStore {
  /**
   * Where and how to reach the store.
   *
   * @param endpoint the store's URL, or null for AWS itself
   * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
   *     (most self-hosted stores want it)
   * @param prefix put before every key, such as {@code attachments/}; may be empty
   */
  public record Settings(URI endpoint, String region, String bucket, String accessKey,
      String secretKey, boolean pathStyle, String prefix) {}

  private final S3Client client;
  private final String bucket;
  private final String prefix;

  public S3BlobStore(Settings settings) {
    var builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(settings.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
        .forcePathStyle(settings.pathStyle())
        // Checksums only where the API requires them: not every S3-compatible store knows the
        // newer trailing checksums.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    this.client = builder.build();
    this.bucket = settings.bucket();
    this.prefix = settings.prefix() == null ? "" : settings.prefix();
  }

  @Override
  public boolean put(String sha256, Path source) throws IOException {
    if (exists(sha256)) {
      return false;
    }
    call(() -> client.putObject(put -> put.bucket(bucket).key(key(sha256)),
        RequestBody.fromFile(source)));
    return true;
  }

  @Override
  public boolean exists(String sha256) throws IOException {
    try {
      client.headObject(head -> head.bucket(bucket).key(key(sha256)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw new IOException("S3 HEAD " + bucket + "/" + key(sha256) + " failed: "
          + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("S3 HEAD " + bucket + "/" + key(sha256) + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    try {
      return client.getObject(get -> get.bucket(bucket).key(key(sha256)));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(bucket + "/" + key(sha256));
    } catch (SdkException e) {
      throw new IOException("S3 GET " + bucket + "/" + key(sha256) + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String sha256) throws IOException {
    call(() -> client.deleteObject(delete -> delete.bucket(bucket).key(key(sha256))));
  }

  @Override
  public String backend() {
    return "s3";
  }

  @Override
  public void close() {
    client.close();
  }

  private String key(String sha256) {
    return prefix + BlobStore.relativeName(sha256);
  }

  private void call(Runnable request) throws IOException {
    try {
      request.run();
    } catch (SdkException e) {
      throw new IOException("S3 request to bucket " + bucket + " failed: " + e.getMessage(), e);
    }
  }
}
