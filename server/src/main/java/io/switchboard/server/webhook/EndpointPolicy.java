package io.switchboard.server.webhook;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which endpoint URLs a webhook may have: absolute {@code https} URLs with a host and without
 * user info or fragment; {@code http} only to a loopback address ({@code localhost},
 * {@code 127.0.0.0/8}, {@code [::1]}), or anywhere when the installation allows it
 * ({@code SWITCHBOARD_WEBHOOKS_ALLOW_HTTP=true}).
 *
 * <p>Immutable and thread-safe.
 */
public final class EndpointPolicy {
  private final boolean allowHttp;

  public EndpointPolicy(boolean allowHttp) {
    this.allowHttp = allowHttp;
  }

  /** The URL as stored; {@code INVALID_FIELD} with the reason when it is not allowed. */
  public String check(String url) {
    if (url == null || url.isBlank() || url.length() > 2000) {
      throw invalid("url: required, at most 2000 characters");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid("url: not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null) {
      throw invalid("url: must be an absolute URL with a host, no user info and no fragment");
    }
    if (scheme.equals("http")) {
      if (!allowHttp && !loopback(uri.getHost())) {
        throw invalid("url: must use https (http only to a loopback address)");
      }
    } else if (!scheme.equals("https")) {
      throw invalid("url: must use https");
    }
    return uri.toString();
  }

  private static boolean loopback(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!name.matches("[0-9.]+") && !name.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }
}
