package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.TrustedProxies;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which address a request is counted against: {@code X-Forwarded-For} only from a trusted proxy,
 * read from the right, so a client cannot choose its own address by sending the header.
 */
class ClientAddressTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.parse("10.0.0.0/8, 192.168.1.10, fd00::/8");

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
    assertThat(resolve("203.0.113.9", List.of("198.51.100.1"), TrustedProxies.NONE))
        .isEqualTo("203.0.113.9");
    assertThat(resolve("127.0.0.1", List.of("198.51.100.1"), TrustedProxies.NONE))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aClientThatIsNoProxyCannotNameAnotherAddress() throws Exception {
    assertThat(resolve("203.0.113.9", List.of("198.51.100.1"), PROXIES)).isEqualTo("203.0.113.9");
  }

  @Test
  void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() throws Exception {
    assertThat(resolve("10.1.2.3", List.of("198.51.100.7"), PROXIES)).isEqualTo("198.51.100.7");
    // The client wrote the first entries itself; the proxies appended the real ones.
    assertThat(resolve("10.1.2.3", List.of("1.1.1.1, 2.2.2.2", "198.51.100.7, 192.168.1.10"),
        PROXIES)).isEqualTo("198.51.100.7");
    assertThat(resolve("fd00::1", List.of("[2001:db8::5]:443"), PROXIES))
        .isEqualTo("2001:db8:0:0:0:0:0:5");
    assertThat(resolve("10.1.2.3", List.of("198.51.100.7:5511"), PROXIES))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void garbageOrOnlyProxiesInTheHeaderLeaveTheLastProxy() throws Exception {
    assertThat(resolve("10.1.2.3", List.of("example.com"), PROXIES)).isEqualTo("10.1.2.3");
    assertThat(resolve("10.1.2.3", List.of("300.1.1.1"), PROXIES)).isEqualTo("10.1.2.3");
    assertThat(resolve("10.1.2.3", List.of("198.51.100.7, junk, 10.9.9.9"), PROXIES))
        .isEqualTo("10.9.9.9");
    assertThat(resolve("10.1.2.3", List.of(), PROXIES)).isEqualTo("10.1.2.3");
  }

  @Test
  void trustedProxiesAreAddressesOrRangesAndAnythingElseStopsTheServer() {
    assertThat(PROXIES.contains(TrustedProxies.address("10.255.0.1"))).isTrue();
    assertThat(PROXIES.contains(TrustedProxies.address("11.0.0.1"))).isFalse();
    assertThat(PROXIES.contains(TrustedProxies.address("192.168.1.11"))).isFalse();
    assertThat(PROXIES.contains(TrustedProxies.address("fdab::1"))).isTrue();
    assertThat(PROXIES.contains(TrustedProxies.address("::ffff:10.0.0.1"))).isTrue();
    assertThat(ConfigLoader.load(Map.of("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1"))
        .security().rates().trustedProxies().contains(TrustedProxies.address("127.0.0.1")))
        .isTrue();
    for (String wrong : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/8")) {
      assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_TRUSTED_PROXIES", wrong)))
          .isInstanceOf(ConfigException.class).hasMessageContaining("SWITCHBOARD_TRUSTED_PROXIES");
    }
  }

  private static String resolve(String remote, List<String> headers, TrustedProxies proxies)
      throws Exception {
    return ClientAddress.resolve(InetAddress.getByName(remote), headers, proxies);
  }
}
