package io.switchboard.server.contact;

import io.switchboard.server.store.contact.ContactProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a contact's own fields: names, email addresses, phone numbers, stages and tags,
 * each refused with {@code INVALID_FIELD} naming the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class ContactFieldRules {
  public static final Set<String> STAGES = Set.of("visitor", "lead", "customer", "churned");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{3,32}$");
  private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}_.-]{1,32}$");
  private static final int MAX_ADDRESSES = 20;

  private ContactFieldRules() {}

  public static String name(String value) {
    if (value != null && (value.isBlank() || value.length() > 200)) {
      throw ContactAttributes.invalid("name", "1 to 200 characters");
    }
    return value == null ? null : value.strip();
  }

  public static String email(String field, String value) {
    if (value == null) {
      return null;
    }
    String email = value.strip();
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw ContactAttributes.invalid(field, "an email address");
    }
    return email;
  }

  public static String phone(String field, String value) {
    if (value == null) {
      return null;
    }
    String phone = value.strip();
    if (!PHONE.matcher(phone).matches()) {
      throw ContactAttributes.invalid(field, "a phone number");
    }
    return phone;
  }

  public static String stage(String value) {
    if (value == null || !STAGES.contains(value)) {
      throw ContactAttributes.invalid("stage", "visitor, lead, customer or churned");
    }
    return value;
  }

  public static List<String> emails(String field, List<String> values) {
    return addresses(field, values, true);
  }

  public static List<String> phones(String field, List<String> values) {
    return addresses(field, values, false);
  }

  public static List<String> tags(List<String> values) {
    if (values == null) {
      return List.of();
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : values) {
      if (tag == null || !TAG.matcher(tag.strip()).matches()) {
        throw ContactAttributes.invalid("tags", "each 1 to 32 letters, digits, _ . or -");
      }
      tags.add(tag.strip());
    }
    if (tags.size() > MAX_ADDRESSES) {
      throw ContactAttributes.invalid("tags", "at most " + MAX_ADDRESSES);
    }
    return List.copyOf(tags);
  }

  /**
   * The other emails or phones of a contact whose primary is {@code primary}: the union of both
   * lists in order, without the primary and without repeats (emails compared in any case).
   */
  public static List<String> union(String primary, List<String> first, List<String> second,
      boolean emails) {
    List<String> all = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    if (primary != null) {
      seen.add(key(primary, emails));
    }
    for (List<String> list : List.of(first, second)) {
      for (String value : list) {
        if (value != null && seen.add(key(value, emails))) {
          all.add(value);
        }
      }
    }
    return all;
  }

  /** The contact's editable fields with the primary email/phone deduplicated from the others. */
  static ContactProfile.Editable tidy(ContactProfile.Editable e) {
    return new ContactProfile.Editable(e.name(), e.email(), e.phone(),
        union(e.email(), e.otherEmails(), List.of(), true),
        union(e.phone(), e.otherPhones(), List.of(), false), e.companyId(), e.ownerId(),
        e.stage(), e.tags(), e.attributes());
  }

  private static List<String> addresses(String field, List<String> values, boolean emails) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_ADDRESSES) {
      throw ContactAttributes.invalid(field, "at most " + MAX_ADDRESSES);
    }
    List<String> checked = new ArrayList<>();
    for (String value : values) {
      checked.add(emails ? email(field, value) : phone(field, value));
    }
    return checked;
  }

  private static String key(String value, boolean emails) {
    return emails ? value.toLowerCase(Locale.ROOT) : value.replaceAll("[^0-9+]", "");
  }
}
