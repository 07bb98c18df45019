package io.switchboard.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migrations follow expand and contract, so the previous build keeps working on the new schema
 * during a rolling upgrade (README "Upgrades without downtime"). From {@link #FIRST_CHECKED} on, a
 * migration may add tables, nullable columns, columns with a default, indexes and constraints
 * the previous build satisfies; it may not drop or rename a table or column, change a column's
 * type, make a column NOT NULL, or add a NOT NULL column without a default. Such a contract step
 * goes in a migration named {@code V<n>__contract_<what>.sql} whose first line says since which
 * version nothing uses the thing: {@code -- contract: unused since V<m>} with m &lt; n, so it
 * ships at least one release after the code stopped using it.
 */
class MigrationRulesTest {
  /** The first version written under these rules; older ones landed before them. */
  static final int FIRST_CHECKED = 39;
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__(.+)\\.sql");
  private static final Pattern CONTRACT_MARK =
      Pattern.compile("^-- contract: unused since V(\\d+)\\s*$", Pattern.MULTILINE);
  private static final List<Pattern> CONTRACTING = List.of(
      Pattern.compile("\\bdrop\\s+table\\b"),
      Pattern.compile("\\bdrop\\s+column\\b"),
      Pattern.compile("\\brename\\b"),
      Pattern.compile("\\balter\\s+column\\s+\\S+\\s+(set\\s+data\\s+)?type\\b"),
      Pattern.compile("\\bset\\s+not\\s+null\\b"),
      Pattern.compile("\\badd\\s+column\\s+(if\\s+not\\s+exists\\s+)?[^,;]*\\bnot\\s+null\\b"
          + "(?![^,;]*\\bdefault\\b)"));

  @Test
  void everyMigrationSinceTheRulesOnlyExpandsOrIsAMarkedContractStep() throws IOException {
    List<String> broken = new ArrayList<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.sorted().toList()) {
        Matcher name = VERSION.matcher(file.getFileName().toString());
        assertThat(name.matches()).as("migration file name " + file.getFileName()).isTrue();
        int version = Integer.parseInt(name.group(1));
        if (version < FIRST_CHECKED) {
          continue;
        }
        String text = Files.readString(file);
        broken.addAll(problems(version, name.group(2), text));
      }
    }
    assertThat(broken).as("expand-and-contract violations").isEmpty();
  }

  @Test
  void theRulesCatchWhatTheyAreFor() {
    assertThat(problems(50, "x", "ALTER TABLE t DROP COLUMN c;")).hasSize(1);
    assertThat(problems(50, "x", "ALTER TABLE t RENAME COLUMN a TO b;")).hasSize(1);
    assertThat(problems(50, "x", "ALTER TABLE t ALTER COLUMN c TYPE bigint;")).hasSize(1);
    assertThat(problems(50, "x", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;")).hasSize(1);
    assertThat(problems(50, "x", "ALTER TABLE t ADD COLUMN c int NOT NULL;")).hasSize(1);
    assertThat(problems(50, "x", "DROP TABLE t;")).hasSize(1);
    assertThat(problems(50, "x", "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0;")).isEmpty();
    assertThat(problems(50, "x", "CREATE TABLE t (id bigint NOT NULL PRIMARY KEY);")).isEmpty();
    assertThat(problems(50, "x", "ALTER TABLE t ADD COLUMN c text; -- drop column later"))
        .isEmpty();
    assertThat(problems(50, "contract_old_c", "-- contract: unused since V48\n"
        + "ALTER TABLE t DROP COLUMN c;")).isEmpty();
    assertThat(problems(50, "contract_old_c", "-- contract: unused since V50\n"
        + "ALTER TABLE t DROP COLUMN c;")).hasSize(1);
    assertThat(problems(50, "cleanup", "-- contract: unused since V48\n"
        + "ALTER TABLE t DROP COLUMN c;")).hasSize(1);
  }

  /** What is wrong with migration {@code version} named {@code description}. */
  static List<String> problems(int version, String description, String text) {
    List<String> problems = new ArrayList<>();
    Matcher mark = CONTRACT_MARK.matcher(text);
    boolean contract = description.startsWith("contract_");
    if (contract) {
      if (!mark.find() || Integer.parseInt(mark.group(1)) >= version) {
        problems.add("V" + version + ": a contract step needs a first line"
            + " '-- contract: unused since V<m>' with m below " + version);
      }
      return problems;
    }
    String sql = text.replaceAll("--[^\\n]*", " ").toLowerCase(Locale.ROOT);
    for (Pattern pattern : CONTRACTING) {
      Matcher found = pattern.matcher(sql);
      if (found.find()) {
        problems.add("V" + version + " contracts the schema (" + found.group().trim()
            + "): move it to a V<n>__contract_... migration shipped a release later");
      }
    }
    return problems;
  }
}
