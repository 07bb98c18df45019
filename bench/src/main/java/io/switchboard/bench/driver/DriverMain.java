package io.switchboard.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One driver process. The suite starts one or more of them (each process may hold at most 20,000
 * descriptors, so the 19k-session workloads use several) and sends each one JSON command per line
 * on standard input; every command is answered by one {@code RESULT {json}} line on standard
 * output, so the suite can line the processes up between phases. Arguments:
 * {@code --nodes URL,URL --site KEY --sources N --threads N [--peer ws://HOST:PORT]}.
 *
 * <p>Not thread-safe: one command at a time.
 */
public final class DriverMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> options;
  private final List<URI> nodes;
  private final WsClient client;
  private final Http http = new Http(64);
  private ChatLoad chat;
  private SbVisitors sessions;
  private RoutingLoad routing;

  private DriverMain(Map<String, String> options) {
    this.options = options;
    this.nodes = Arrays.stream(options.getOrDefault("nodes", "").split(","))
        .filter(s -> !s.isBlank()).map(URI::create).toList();
    this.client = new WsClient(Integer.parseInt(options.getOrDefault("threads", "2")),
        Integer.parseInt(options.getOrDefault("sources", "4")));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    DriverMain driver = new DriverMain(options);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode command = JSON.readTree(line);
      if ("quit".equals(command.path("cmd").asText())) {
        break;
      }
      Map<String, Object> result;
      // Start each measured command with the driver's own garbage collected, so that a driver
      // pause is less likely to land inside the window and be counted as the server's latency.
      System.gc();
      try {
        result = driver.execute(command);
      } catch (Exception | AssertionError e) {
        e.printStackTrace();
        result = new LinkedHashMap<>();
        result.put("error", String.valueOf(e));
      }
      out.println("RESULT " + JSON.writeValueAsString(result));
    }
    driver.client.close();
    System.exit(0);
  }

  private Map<String, Object> execute(JsonNode c) throws Exception {
    String site = options.get("site");
    return switch (c.path("cmd").asText()) {
      case "chatPrepare" -> {
        chat = switch (c.path("adapter").asText("switchboard")) {
          case "relay" -> new RelayLoad(client, URI.create(options.get("peer")),
              c.path("prefix").asText("c"));
          case "echo" -> new EchoLoad(client);
          default -> new SwitchboardLoad(client, http, nodes, site, c.path("queue").asText(),
              c.path("firstAgent").asInt());
        };
        yield chat.prepare(c.path("pairs").asInt(), c.path("agents").asInt());
      }
      case "chatRun" -> chat.run(c.path("rate").asDouble(), c.path("seconds").asDouble());
      case "sessions" -> {
        sessions = new SbVisitors(client, nodes, c.path("queue").asText());
        long start = Micros.now();
        sessions.mint(http, site, c.path("visitors").asInt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mintSeconds", (Micros.now() - start) / 1e6);
        yield out;
      }
      case "connect" -> sessions.connect(c.path("rate").asDouble());
      case "start" -> sessions.startAll(c.path("rate").asDouble());
      case "sendEach" -> {
        MessageRun step = new MessageRun(false);
        double rate = c.path("rate").asDouble();
        yield step.execute(rate, sessions.size() / rate, 10,
            (index, intended) -> sessions.send(step, index, intended));
      }
      case "storm" -> sessions.storm(c.path("seconds").asDouble());
      case "routingPrepare" -> {
        routing = new RoutingLoad(client, http, nodes, site, c.path("queue").asText(),
            c.path("firstAgent").asInt());
        yield routing.prepare(c.path("agents").asInt(), c.path("visitors").asInt());
      }
      case "routingRun" -> routing.run(c.path("rate").asDouble(), c.path("seconds").asDouble());
      default -> throw new IllegalArgumentException("unknown command " + c);
    };
  }
}
