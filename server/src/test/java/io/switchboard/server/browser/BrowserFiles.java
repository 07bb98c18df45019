package io.switchboard.server.browser;

import com.microsoft.playwright.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Files for the browser tests: real PNGs and a PDF, handing a file to a page the way a browser
 * does when one is dropped or pasted, and fetching an attachment's content from its link.
 */
final class BrowserFiles {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private BrowserFiles() {}

  /** A PNG of that size: one colour, or noise (which does not compress: a large file). */
  static byte[] png(int width, int height, boolean noise) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, noise ? random.nextInt(0xffffff) : 0x2563eb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A small valid PDF with one empty page. */
  static byte[] pdf() {
    return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Drops a file on {@code selector} as a browser does: dragenter, dragover, then drop. */
  static void dropFile(Frame frame, String selector, String name, String type, byte[] bytes) {
    withFile(frame, selector, name, type, bytes, """
        for (const kind of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }""");
  }

  /** Pastes a file into {@code selector} as a browser does with a copied image. */
  static void pasteFile(Frame frame, String selector, String name, String type, byte[] bytes) {
    withFile(frame, selector, name, type, bytes, """
        target.focus();
        target.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));""");
  }

  private static void withFile(Frame frame, String selector, String name, String type, byte[] bytes,
      String script) {
    frame.evaluate("""
        ({ selector, name, type, data }) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type }));
          const target = document.querySelector(selector);
        """ + script + "\n}", Map.of("selector", selector, "name", name, "type", type,
        "data", Base64.getEncoder().encodeToString(bytes)));
  }

  /** The bytes behind an attachment's link (relative to the node), with no token. */
  static HttpResponse<byte[]> download(URI node, String url) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(node.resolve(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
