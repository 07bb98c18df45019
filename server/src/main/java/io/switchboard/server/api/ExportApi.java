package io.switchboard.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.exchange.ExchangeJobs;
import io.switchboard.server.store.exchange.ExchangeJob;
import io.switchboard.server.store.exchange.ExportFilter;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Exports over REST and every job's state and files (PROTOCOL.md, "Imports and exports"):
 * supervisors export the conversations and tickets of their teams' queues, admins anything,
 * contacts included; a job, its report and its files are for whoever started it (and admins).
 *
 * <p>Thread-safe.
 */
public final class ExportApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExchangeJobs jobs;
  private final AuthService auth;
  private final BlockingExecutor store;

  public ExportApi(ExchangeJobs jobs, AuthService auth, BlockingExecutor store) {
    this.jobs = jobs;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/exports/{kind}", request -> {
      String kind = request.param(0);
      if (!java.util.List.of("contacts", "conversations", "tickets").contains(kind)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no export of " + kind);
      }
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
        AccessPolicy.requireRole(staff, Action.EXPORT_DATA);
        if (kind.equals("contacts") && !ExchangeApi.isAdmin(staff)) {
          throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins export contacts");
        }
        ExportFilter filter = filter(staff, request);
        if (kind.equals("contacts") && filter.siteId() == null) {
          throw new SwitchboardException(ErrorCode.INVALID_FIELD, "siteId: required");
        }
        UUID id = jobs.export(ExchangeApi.caller(staff, request), kind, filter);
        return ApiResponse.created(Map.of("jobId", id.toString()));
      }));
    });
    routes.add("GET", "/v1/jobs/{id}", request -> job(request, (staff, job) ->
        ApiResponse.ok(json(job))));
    routes.add("GET", "/v1/jobs/{id}/refused.csv", request -> job(request, (staff, job) ->
        file(job.refusedFile(), "this job refused no rows")));
    routes.add("GET", "/v1/jobs/{id}/file", request -> job(request, (staff, job) ->
        file(job.resultFile(), "this job has no file (yet)")));
  }

  private CompletableFuture<ApiResponse> job(ApiRequest request,
      java.util.function.BiFunction<Principal, ExchangeJob, ApiResponse> answer) {
    UUID id = uuid(request.param(0), "no such job");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      ExchangeJob job = jobs.find(id).filter(j -> j.startedBy().toString().equals(staff.id())
          || ExchangeApi.isAdmin(staff)).orElseThrow(() -> new SwitchboardException(
              ErrorCode.NOT_FOUND, "no such job"));
      return answer.apply(staff, job);
    }));
  }

  private ApiResponse file(String name, String missing) {
    if (name == null) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, missing);
    }
    try {
      return ApiResponse.bytes("text/csv; charset=utf-8", Files.readAllBytes(jobs.file(name)));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "the job's file is gone");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> json(ExchangeJob job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id().toString());
    body.put("kind", job.kind());
    body.put("state", job.state());
    body.put("dryRun", job.dryRun());
    body.put("siteId", job.siteId());
    body.put("rowsDone", job.rowsDone());
    body.put("rowsTotal", job.rowsTotal());
    body.put("counts", tree(job.counts()));
    body.put("rows", tree(job.report()));
    body.put("hasFile", job.resultFile() != null);
    body.put("hasRefused", job.refusedFile() != null);
    body.put("error", job.error());
    body.put("createdAt", job.createdAt().toString());
    body.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
    return body;
  }

  private static Object tree(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ExportFilter filter(Principal staff, ApiRequest r) {
    return new ExportFilter(time(r, "from"), time(r, "to"), r.text("siteId"), r.text("teamId"),
        agent(r.text("agentId")), status(r), r.textList("tags"),
        ExchangeApi.isAdmin(staff) ? null : staff.teamQueues());
  }

  private static UUID agent(String text) {
    try {
      return text == null ? null : UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "agentId: not a user id");
    }
  }

  private static String status(ApiRequest r) {
    String status = r.text("status");
    if (status != null && !status.matches("[a-z_]{1,20}")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "status: unknown status");
    }
    return status;
  }

  private static Instant time(ApiRequest r, String field) {
    String text = r.text(field);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  static UUID uuid(String text, String message) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, message);
    }
  }
}
