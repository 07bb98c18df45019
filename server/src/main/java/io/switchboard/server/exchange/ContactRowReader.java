package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.store.exchange.FieldDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one import row against the mapping and the site's custom fields: every problem becomes
 * a reason ({@code code: message}); a row without any becomes a {@link ContactDraft}. List cells
 * (other emails and phones, tags) hold items separated by {@code ;} or {@code |}.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class ContactRowReader {
  public static final List<String> STAGES = List.of("visitor", "lead", "customer", "churned");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+");
  private static final Pattern PHONE = Pattern.compile("[+]?[0-9 ().-]{3,40}");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.:-]{1,40}");
  private static final Pattern LIST = Pattern.compile("\\s*[;|]\\s*");

  private final ContactMapping mapping;
  private final Map<String, FieldDefinition> fields;

  public ContactRowReader(ContactMapping mapping, Map<String, FieldDefinition> fields) {
    this.mapping = mapping;
    this.fields = fields;
  }

  /** One checked row: the draft, or null with the reasons it is refused. */
  public record Checked(ContactDraft draft, List<String> reasons) {}

  public Checked read(int rowNumber, Map<String, String> row) {
    List<String> reasons = new ArrayList<>();
    String externalId = text(row, "external_id", 128, reasons);
    String name = text(row, "name", 200, reasons);
    String email = mapping.value(row, "email");
    if (email != null && !isEmail(email)) {
      reasons.add("invalid_email: " + email);
    }
    String phone = mapping.value(row, "phone");
    if (phone != null && !PHONE.matcher(phone).matches()) {
      reasons.add("invalid_phone: " + phone);
    }
    List<String> otherEmails = list(row, "other_emails");
    otherEmails.stream().filter(e -> !isEmail(e)).findFirst()
        .ifPresent(e -> reasons.add("invalid_email: " + e));
    List<String> otherPhones = list(row, "other_phones");
    otherPhones.stream().filter(p -> !PHONE.matcher(p).matches()).findFirst()
        .ifPresent(p -> reasons.add("invalid_phone: " + p));
    String company = text(row, "company", 200, reasons);
    String owner = mapping.value(row, "owner");
    if (owner != null && !isEmail(owner)) {
      reasons.add("unknown_owner: " + owner + " is not a staff email");
    }
    String stage = mapping.value(row, "stage");
    if (stage != null && !STAGES.contains(stage.toLowerCase(Locale.ROOT))) {
      reasons.add("unknown_stage: " + stage + " (one of " + String.join(", ", STAGES) + ")");
    }
    List<String> tags = list(row, "tags");
    tags.stream().filter(t -> !TAG.matcher(t).matches()).findFirst()
        .ifPresent(t -> reasons.add("bad_tag: " + t));
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    for (String key : mapping.attributeKeys()) {
      String value = mapping.value(row, ContactMapping.ATTRIBUTE + key);
      if (value != null) {
        try {
          attributes.set(key, AttributeValues.parse(fields.get(key), value));
        } catch (AttributeValues.Refusal refusal) {
          reasons.add(refusal.code() + ": " + refusal.getMessage());
        }
      }
    }
    if (externalId == null && email == null) {
      reasons.add("missing_key: the row has neither an external id nor an email");
    }
    if (!reasons.isEmpty()) {
      return new Checked(null, reasons);
    }
    String key = externalId != null ? "ext:" + externalId : "email:" + lower(email);
    return new Checked(new ContactDraft(rowNumber, key, externalId, name, email, phone,
        otherEmails, otherPhones, company, owner == null ? null : lower(owner),
        stage == null ? null : lower(stage), tags, attributes), List.of());
  }

  static boolean isEmail(String text) {
    return text.length() <= 254 && EMAIL.matcher(text).matches();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private String text(Map<String, String> row, String field, int max, List<String> reasons) {
    String value = mapping.value(row, field);
    if (value != null && value.length() > max) {
      reasons.add("too_long: " + field + " has more than " + max + " characters");
    }
    return value;
  }

  private List<String> list(Map<String, String> row, String field) {
    String value = mapping.value(row, field);
    return value == null ? new ArrayList<>() : new ArrayList<>(Arrays.stream(LIST.split(value))
        .filter(s -> !s.isBlank()).distinct().toList());
  }
}
