package io.switchboard.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} a node believes ({@code
 * SWITCHBOARD_TRUSTED_PROXIES}): IP addresses and CIDR ranges, IPv4 or IPv6. Empty by default,
 * and then the header is ignored, so a client cannot pick the address its limits are counted
 * against.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ranges the trusted addresses, each as a network and a prefix length
 */
public record TrustedProxies(List<Range> ranges) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern WITH_PORT =
      Pattern.compile("\\[([^\\]]+)\\](:\\d{1,5})?|(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");

  /** No proxy is trusted. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  public TrustedProxies {
    ranges = List.copyOf(ranges);
  }

  /**
   * One trusted range: the addresses whose first {@code prefix} bits equal {@code network}'s.
   *
   * @param network the address bytes (4 or 16)
   * @param prefix how many leading bits must match
   */
  public record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Reads a comma-separated list such as {@code 10.0.0.0/8, 192.168.1.10, fd00::/8}.
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or range
   */
  public static TrustedProxies parse(String list) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : Arrays.stream(list.split(",")).map(String::trim)
        .filter(e -> !e.isEmpty()).toList()) {
      String[] parts = entry.split("/", -1);
      byte[] network = parts.length <= 2 ? address(parts[0]) : null;
      int bits = network == null ? 0 : network.length * 8;
      int prefix = -1;
      if (network != null && parts.length == 2) {
        prefix = parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
      } else if (network != null) {
        prefix = bits;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(entry
            + " is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8)");
      }
      ranges.add(new Range(network, prefix));
    }
    return new TrustedProxies(ranges);
  }

  /** Whether {@code address} (the bytes of an IP address) is one of the trusted proxies. */
  public boolean contains(byte[] address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  /**
   * The bytes of an IP address written as text (an IPv4-mapped IPv6 address as IPv4), or null
   * when the text is not one. Never asks DNS. A port ({@code 192.0.2.1:443}, {@code
   * [2001:db8::1]:443}) and IPv6 brackets are dropped, as some proxies add them.
   */
  public static byte[] address(String text) {
    String literal = text.trim();
    Matcher withPort = WITH_PORT.matcher(literal);
    if (withPort.matches()) {
      literal = withPort.group(1) != null ? withPort.group(1) : withPort.group(3);
    }
    boolean v4 = IPV4.matcher(literal).matches();
    if (v4 && Arrays.stream(literal.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)
        || !v4 && !IPV6.matcher(literal).matches()) {
      return null;
    }
    try {
      // A literal of digits, dots and colons: parsed, never looked up.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
