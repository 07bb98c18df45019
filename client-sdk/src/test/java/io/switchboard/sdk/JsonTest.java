package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesStringFieldsEscapedAndSkipsNulls() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("siteKey", "a\"b\\c\nd\u0001");
    fields.put("visitorToken", null);
    fields.put("name", "Zoë");
    assertThat(Json.writeObject(fields))
        .isEqualTo("{\"siteKey\":\"a\\\"b\\\\c\\nd\\u0001\",\"name\":\"Zoë\"}");
  }

  @Test
  void readsNestedValuesOfEveryKind() {
    Map<String, Object> object = Json.readObject(
        " {\"error\": {\"code\": \"unauthorized\", \"message\": \"bad \\\"password\\\" \\u00e9\"},"
            + " \"n\": -1.5e2, \"ok\": true, \"no\": false, \"nothing\": null, \"list\": [1, \"x\", []]} ");
    assertThat(object.get("error")).isEqualTo(
        Map.of("code", "unauthorized", "message", "bad \"password\" é"));
    assertThat(object.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(object).containsEntry("ok", true).containsEntry("no", false).containsEntry("nothing", null);
    assertThat(object.get("list")).isEqualTo(List.of(new BigDecimal("1"), "x", List.of()));
  }

  @Test
  void roundTripsWhatItWrites() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", "ann@example.com");
    fields.put("password", "p\\a\"s\ts");
    assertThat(Json.readObject(Json.writeObject(fields))).isEqualTo(fields);
  }

  @Test
  void rejectsMalformedText() {
    for (String bad : List.of("", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"x}", "{} x",
        "{\"a\":tru}", "<html>")) {
      assertThatThrownBy(() -> Json.readObject(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesDeepNesting() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThatThrownBy(() -> Json.readObject(deep)).hasMessageContaining("nested too deeply");
  }
}
