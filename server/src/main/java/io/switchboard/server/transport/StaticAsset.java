package io.switchboard.server.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file as it is sent: its bytes, its gzip form when that is smaller (text only: images and
 * sounds are compressed already), its media type, and a strong entity tag per form for
 * {@code If-None-Match}.
 *
 * <p>Immutable and thread-safe (the arrays are never written after construction).
 */
record StaticAsset(byte[] body, byte[] gzip, String type, String etag, String gzipEtag) {
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "json", "application/json; charset=utf-8",
      "mp3", "audio/mpeg",
      "wav", "audio/wav");

  /** Files smaller than this are sent as they are: gzip's header would eat the gain. */
  private static final int MIN_COMPRESS = 256;

  static StaticAsset of(String resource, byte[] body) {
    String extension = resource.substring(resource.lastIndexOf('.') + 1);
    String type = TYPES.getOrDefault(extension, "application/octet-stream");
    byte[] gzip = null;
    boolean text = type.startsWith("text/") || type.startsWith("application/json")
        || type.equals("image/svg+xml");
    if (text && body.length >= MIN_COMPRESS) {
      byte[] packed = gzip(body);
      gzip = packed.length < body.length ? packed : null;
    }
    String tag = tag(body);
    return new StaticAsset(body, gzip, type, "\"" + tag + "\"", "\"" + tag + "-gz\"");
  }

  /** The form to send to a client that does (or does not) take gzip. */
  boolean sendsGzip(boolean accepted) {
    return accepted && gzip != null;
  }

  /** Whether an {@code If-None-Match} value names this file in either form (or is {@code *}). */
  boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String value = candidate.trim();
      if (value.startsWith("W/")) {
        value = value.substring(2);
      }
      if (value.equals("*") || value.equals(etag) || value.equals(gzipEtag)) {
        return true;
      }
    }
    return false;
  }

  private static String tag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Whether an {@code Accept-Encoding} value takes gzip: named with a weight above zero, or not
   * named while {@code *} is.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Double named = null;
    Double any = null;
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.split(";");
      String name = pieces[0].trim().toLowerCase(Locale.ROOT);
      double weight = 1;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (parameter.startsWith("q=")) {
          try {
            weight = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            weight = 0;
          }
        }
      }
      if (name.equals("gzip") || name.equals("x-gzip")) {
        named = named == null ? weight : Math.max(named, weight);
      } else if (name.equals("*")) {
        any = weight;
      }
    }
    Double weight = named != null ? named : any;
    return weight != null && weight > 0;
  }
}
