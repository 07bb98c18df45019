package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency-against-rate chart as a plain SVG: achieved messages a second on the x axis,
 * delivery p99 on a logarithmic y axis, one colour per system, one line per round.
 *
 * <p>Stateless and thread-safe.
 */
public final class Chart {
  private static final int W = 760;
  private static final int H = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

  private Chart() {}

  /** Points have "system", "round", "rate" (msgs/s) and "p99Ms". */
  public static String svg(String title, List<Map<String, Object>> points) {
    double maxRate = 1;
    for (Map<String, Object> p : points) {
      maxRate = Math.max(maxRate, num(p.get("rate")));
    }
    maxRate = niceCeiling(maxRate);
    double minLog = -1;
    double maxLog = 4; // 0.1 ms .. 10 s
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(W / 2.0 - 150, 22, title, 14));
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    for (int i = 0; i <= 5; i++) {
      double x = LEFT + plotW * i / 5;
      svg.append(line(x, TOP, x, TOP + plotH, "#eee"));
      svg.append(text(x - 15, TOP + plotH + 18, fmt(maxRate * i / 5), 11));
    }
    for (int e = (int) minLog; e <= maxLog; e++) {
      double y = TOP + plotH * (maxLog - e) / (maxLog - minLog);
      svg.append(line(LEFT, y, LEFT + plotW, y, "#eee"));
      svg.append(text(LEFT - 55, y + 4, fmt(Math.pow(10, e)) + " ms", 11));
    }
    svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333"));
    svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333"));
    svg.append(text(LEFT + plotW / 2 - 90, H - 12, "achieved rate (messages/s)", 12));
    svg.append(text(8, TOP - 12, "delivery p99", 12));
    Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
    for (Map<String, Object> p : points) {
      series.computeIfAbsent(p.get("system") + " #" + p.get("round"), k -> new ArrayList<>()).add(p);
    }
    List<String> systems = new ArrayList<>();
    int legend = 0;
    for (Map.Entry<String, List<Map<String, Object>>> s : series.entrySet()) {
      String system = String.valueOf(s.getValue().get(0).get("system"));
      if (!systems.contains(system)) {
        systems.add(system);
        String colour = COLOURS[(systems.size() - 1) % COLOURS.length];
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
            + "fill=\"%s\"/>%n", W - RIGHT + 15, TOP + 20 * legend, colour));
        svg.append(text(W - RIGHT + 32, TOP + 20 * legend + 11, system, 12));
        legend++;
      }
      String colour = COLOURS[systems.indexOf(system) % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (Map<String, Object> p : s.getValue()) {
        double x = LEFT + plotW * num(p.get("rate")) / maxRate;
        double ms = Math.max(Math.pow(10, minLog), num(p.get("p99Ms")));
        double y = TOP + plotH * (maxLog - Math.min(maxLog, Math.log10(ms))) / (maxLog - minLog);
        path.append(path.isEmpty() ? "M" : " L").append(fmt2(x)).append(' ').append(fmt2(y));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
            x, y, colour));
      }
      svg.append(String.format(Locale.ROOT, "<path d=\"%s\" stroke=\"%s\" fill=\"none\" "
          + "stroke-opacity=\"0.6\"/>%n", path, colour));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
        + "stroke=\"%s\"/>%n", x1, y1, x2, y2, colour);
  }

  private static String text(double x, double y, String s, int size) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">%s</text>%n",
        x, y, size, s.replace("&", "&amp;").replace("<", "&lt;"));
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  private static String fmt(double v) {
    return v >= 1 || v == 0 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
