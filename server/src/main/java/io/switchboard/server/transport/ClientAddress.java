package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.switchboard.server.config.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address, as the rate limits, the login guard and the audit log count it: the
 * connection's remote address, unless that is a trusted proxy ({@code
 * SWITCHBOARD_TRUSTED_PROXIES}). Then {@code X-Forwarded-For} is read from the right (the hop the
 * proxy itself added) leftwards, past further trusted proxies, to the first address that is not
 * one: the entries left of it were written by the client and may be anything. Without trusted
 * proxies the header is ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class ClientAddress {
  static final String FORWARDED_FOR = "X-Forwarded-For";

  private ClientAddress() {}

  /** The address of the client that sent {@code request} on {@code ctx}'s connection. */
  static String of(ChannelHandlerContext ctx, HttpRequest request, TrustedProxies proxies) {
    if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress socket)
        || socket.getAddress() == null) {
      return "unknown";
    }
    return resolve(socket.getAddress(), request.headers().getAll(FORWARDED_FOR), proxies);
  }

  /**
   * The client address from the connection's {@code remote} address and the {@code
   * X-Forwarded-For} headers (in order; each may list several addresses).
   */
  static String resolve(InetAddress remote, List<String> forwardedFor, TrustedProxies proxies) {
    byte[] current = remote.getAddress();
    if (!proxies.contains(current) || forwardedFor.isEmpty()) {
      return remote.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0 && proxies.contains(current); i--) {
      byte[] hop = TrustedProxies.address(hops.get(i));
      if (hop == null) {
        // Garbage where a proxy should have written an address: stop at the last proxy.
        break;
      }
      current = hop;
    }
    return text(current);
  }

  private static String text(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + address.length + " bytes", e);
    }
  }
}
