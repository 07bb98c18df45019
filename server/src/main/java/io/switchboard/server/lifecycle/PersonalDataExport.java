package io.switchboard.server.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.lifecycle.PersonalData;
import io.switchboard.server.store.lifecycle.PersonalDataDao;
import io.switchboard.server.store.lifecycle.PersonalDataExportDao;
import io.switchboard.server.util.SwitchboardException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The GDPR export of one contact: a zip with {@code contact.json} (the contact and the contacts
 * merged into it, its company, notes and events, its conversations with their messages, events,
 * participants, notes and rating, its tickets with their entries, events, links, ratings, SLA
 * clocks and mails, campaign invitations and attachment records) and every attachment's bytes as
 * {@code attachments/<id>-<file name>}. Each export is recorded in the audit log.
 *
 * <p>Thread-safe; {@link #export} blocks (run it on the store executor).
 */
public final class PersonalDataExport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final PersonalDataDao people;
  private final PersonalDataExportDao rows;
  private final AuditDao audit;
  private final BlobStore blobs;
  private final Clock clock;

  PersonalDataExport(PersonalDataDao people, PersonalDataExportDao rows, AuditDao audit,
      BlobStore blobs, Clock clock) {
    this.people = people;
    this.rows = rows;
    this.audit = audit;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** The export of contact {@code id} (a merged id: its survivor) as zip bytes. */
  public byte[] export(Principal admin, UUID id, String address) {
    AccessPolicy.requireRole(admin, Action.PERSONAL_DATA);
    PersonalData person = people.find(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such contact"));
    Map<String, List<ObjectNode>> tables = new HashMap<>();
    for (PersonalDataExportDao.Rows table : rows.rows(person)) {
      tables.put(table.table(), table.json().stream().map(PersonalDataExport::parse).toList());
    }
    ObjectNode document = document(person, tables);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("contact.json"));
      zip.write(JSON.writeValueAsBytes(document));
      zip.closeEntry();
      for (ObjectNode attachment : tables.get("attachments")) {
        zip.putNextEntry(new ZipEntry(attachment.get("file").asText()));
        try (InputStream in = blobs.open(attachment.get("sha256").asText())) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the export could not be written", e);
    }
    audit.append(new AuditEntry(0, clock.instant(), admin.id(), admin.role().wire(),
        "gdpr.export", "contact", person.contactId().toString(), address, null,
        "{\"contacts\":" + person.contactIds().size() + ",\"conversations\":"
            + person.conversationIds().size() + ",\"tickets\":" + person.ticketIds().size()
            + "}"));
    return bytes.toByteArray();
  }

  private ObjectNode document(PersonalData person, Map<String, List<ObjectNode>> tables) {
    ObjectNode document = JSON.createObjectNode();
    document.put("format", "switchboard-gdpr-export/1");
    document.put("exportedAt", clock.instant().toString());
    document.put("contactId", person.contactId().toString());
    ArrayNode merged = document.putArray("mergedContacts");
    for (ObjectNode contact : tables.get("contacts")) {
      if (contact.get("id").asText().equals(person.contactId().toString())) {
        document.set("contact", contact);
      } else {
        merged.add(contact);
      }
    }
    List<ObjectNode> company = tables.get("companies");
    document.set("company", company.isEmpty() ? null : company.get(0));
    document.putArray("notes").addAll(tables.get("contact_notes"));
    document.putArray("events").addAll(tables.get("contact_events"));
    for (ObjectNode attachment : tables.get("attachments")) {
      attachment.put("file", "attachments/" + attachment.get("id").asText() + "-"
          + attachment.get("file_name").asText());
    }
    document.putArray("conversations").addAll(nest(tables.get("conversations"),
        "conversation_id", tables, "messages", "conversation_events",
        "conversation_participants", "notes", "ratings", "attachments"));
    document.putArray("tickets").addAll(nest(tables.get("tickets"), "ticket_id", tables,
        "ticket_entries", "ticket_events", "ticket_links", "ticket_ratings", "sla_clocks",
        "sla_events", "mail_messages", "attachments"));
    document.putArray("campaignInvitations").addAll(tables.get("campaign_invitations"));
    document.putArray("mailMessages").addAll(tables.get("mail_messages"));
    document.putArray("attachments").addAll(tables.get("attachments"));
    return document;
  }

  /** Each parent with the rows of each child table whose {@code key} is its id, by table name. */
  private static List<ObjectNode> nest(List<ObjectNode> parents, String key,
      Map<String, List<ObjectNode>> tables, String... children) {
    List<ObjectNode> nested = new ArrayList<>();
    for (ObjectNode parent : parents) {
      ObjectNode copy = parent.deepCopy();
      String id = parent.get("id").asText();
      for (String child : children) {
        ArrayNode rows = copy.putArray(child);
        tables.get(child).stream().filter(row -> row.hasNonNull(key)
            && row.get(key).asText().equals(id)).forEach(rows::add);
      }
      nested.add(copy);
    }
    return nested;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored row is not JSON", e);
    }
  }
}
