package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.exchange.ExchangeJobs;
import io.switchboard.server.exchange.ImportTable;
import io.switchboard.server.exchange.TranscriptFile;
import io.switchboard.server.exchange.TranscriptPage;
import io.switchboard.server.store.exchange.ContactImportDao;
import io.switchboard.server.store.exchange.TranscriptRows;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Imports (admins) and transcripts over REST (PROTOCOL.md, "Imports and exports"): a file comes
 * inline as {@code content} or as an uploaded attachment's id, is read and checked now (400
 * naming the problem), and runs as a job whose progress, report and refused rows are read here;
 * one conversation's transcript downloads as CSV or printable HTML for whoever may read it.
 * Exports are {@link ExportApi}.
 *
 * <p>Thread-safe.
 */
public final class ExchangeApi {
  private final ExchangeJobs jobs;
  private final ContactImportDao contacts;
  private final TranscriptRows transcripts;
  private final AttachmentService attachments;
  private final ConversationAccess access;
  private final AuthService auth;
  private final BlockingExecutor store;

  /** What the API is built from. */
  public record Parts(ExchangeJobs jobs, ContactImportDao contacts, TranscriptRows transcripts,
      AttachmentService attachments, ConversationAccess access, AuthService auth,
      BlockingExecutor store) {}

  public ExchangeApi(Parts p) {
    this.jobs = p.jobs();
    this.contacts = p.contacts();
    this.transcripts = p.transcripts();
    this.attachments = p.attachments();
    this.access = p.access();
    this.auth = p.auth();
    this.store = p.store();
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/imports/contacts", request -> admin(request).thenCompose(staff ->
        store.call(() -> {
          String site = site(request);
          ImportTable table = ImportTable.read(content(staff, request), format(request));
          UUID id = jobs.importContacts(caller(staff, request), site, table,
              request.body().get("mapping"), dryRun(request));
          return ApiResponse.created(Map.of("jobId", id.toString(), "rows",
              table.rows().size()));
        })));
    routes.add("POST", "/v1/imports/transcripts", request -> admin(request).thenCompose(staff ->
        store.call(() -> {
          String site = site(request);
          var drafts = TranscriptFile.read(content(staff, request), format(request));
          UUID id = jobs.importTranscripts(caller(staff, request), site, drafts,
              dryRun(request));
          return ApiResponse.created(Map.of("jobId", id.toString(), "rows", drafts.size()));
        })));
    routes.add("GET", "/v1/conversations/{id}/transcript.csv", request ->
        transcript(request, false));
    routes.add("GET", "/v1/conversations/{id}/transcript.html", request ->
        transcript(request, true));
  }

  static ExchangeJobs.Caller caller(Principal staff, ApiRequest request) {
    return new ExchangeJobs.Caller(staff, request.address());
  }

  private CompletableFuture<ApiResponse> transcript(ApiRequest request, boolean html) {
    UUID id = ExportApi.uuid(request.param(0), "no such conversation");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      access.find(staff, Action.READ, id);
      TranscriptRows.Summary summary = transcripts.summary(id).orElseThrow();
      var lines = transcripts.lines(id);
      if (!html) {
        return ApiResponse.text("text/csv; charset=utf-8", TranscriptPage.csv(lines));
      }
      return ApiResponse.text("text/html; charset=utf-8", TranscriptPage.html(summary, lines,
          request.query("lang"), zone(request.query("tz"))));
    }));
  }

  private static ZoneId zone(String tz) {
    try {
      return tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
    } catch (java.time.DateTimeException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "tz: not a time zone: " + tz);
    }
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.IMPORT_DATA);
      if (request.body() == null) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "body: required");
      }
      return staff;
    });
  }

  private String site(ApiRequest request) {
    String site = request.requiredText("siteId", 64);
    if (!contacts.siteExists(site)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "siteId: no site " + site);
    }
    return site;
  }

  private static String format(ApiRequest request) {
    String format = request.text("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "format: csv or json");
    }
    return format == null ? "csv" : format;
  }

  private static boolean dryRun(ApiRequest request) {
    JsonNode dry = request.body().get("dryRun");
    if (dry != null && !dry.isBoolean() && !dry.isNull()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "dryRun: true or false");
    }
    return dry != null && dry.asBoolean() || "true".equals(request.query("dryRun"));
  }

  /** The file: inline {@code content}, or the bytes of the caller's upload {@code attachmentId}. */
  private byte[] content(Principal staff, ApiRequest request) {
    String inline = request.text("content");
    String upload = request.text("attachmentId");
    if ((inline == null) == (upload == null)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "content: give the file as content (text) or as attachmentId (an upload)");
    }
    if (inline != null) {
      return inline.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return attachments.bytes(attachments.readable(staff,
          ExportApi.uuid(upload, "attachmentId: no such upload")));
    } catch (IOException e) {
      throw new UncheckedIOException("the uploaded file cannot be read", e);
    }
  }

  static boolean isAdmin(Principal staff) {
    return staff.role() == Role.ADMIN;
  }
}
