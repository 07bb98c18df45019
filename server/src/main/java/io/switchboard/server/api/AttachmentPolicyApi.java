package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.attachment.AttachmentPolicy;
import io.switchboard.server.store.attachment.AttachmentPolicyDao;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A site's attachment rules for admins, beside its other settings:
 * {@code GET} and {@code PUT /v1/admin/sites/{id}/attachments} with {@code maxFileBytes},
 * {@code maxMessageBytes} and {@code allowedTypes} (a PUT changes the keys it sends). A site
 * nobody configured has the defaults (10 MiB per file, 25 MiB per message, images, PDF, text,
 * office documents, zip and audio).
 *
 * <p>Thread-safe.
 */
public final class AttachmentPolicyApi {
  private final AttachmentPolicyDao policies;
  private final SiteDao sites;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final long maxUploadBytes;

  public AttachmentPolicyApi(AttachmentPolicyDao policies, SiteDao sites, AuthService auth,
      BlockingExecutor store, long maxUploadBytes) {
    this.policies = policies;
    this.sites = sites;
    this.auth = auth;
    this.store = store;
    this.maxUploadBytes = maxUploadBytes;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/sites/{id}/attachments", request -> admin(request)
        .thenCompose(me -> store.call(() -> ApiResponse.ok(json(find(request.param(0)))))));
    routes.add("PUT", "/v1/admin/sites/{id}/attachments", request -> admin(request)
        .thenCompose(me -> store.call(() -> {
          AttachmentPolicy current = find(request.param(0));
          AttachmentPolicy changed = apply(current, request.body());
          policies.save(request.param(0), changed);
          return ApiResponse.ok(json(changed)).withBefore(json(current));
        })));
  }

  private AttachmentPolicy find(String siteId) {
    if (sites.find(siteId).isEmpty()) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId);
    }
    return policies.policy(siteId);
  }

  private AttachmentPolicy apply(AttachmentPolicy current, JsonNode body) {
    if (body == null) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST, "a JSON object is required");
    }
    long file = size(body, "maxFileBytes", current.maxFileBytes(), maxUploadBytes);
    long message = size(body, "maxMessageBytes", current.maxMessageBytes(), Long.MAX_VALUE / 2);
    if (message < file) {
      throw SiteSettingsForm.invalid("maxMessageBytes",
          "must be at least maxFileBytes (" + file + ")");
    }
    List<String> types = current.allowedTypes();
    JsonNode list = body.get("allowedTypes");
    if (list != null && !list.isNull()) {
      if (!list.isArray() || list.size() > 100) {
        throw SiteSettingsForm.invalid("allowedTypes", "a list of at most 100 content types");
      }
      types = new ArrayList<>();
      for (JsonNode type : list) {
        if (!type.isTextual()
            || !type.asText().matches("[a-z0-9][a-z0-9.+-]{0,63}/([a-z0-9][a-z0-9.+-]{0,126}|\\*)")) {
          throw SiteSettingsForm.invalid("allowedTypes",
              "content types like image/png or image/*: " + type);
        }
        types.add(type.asText());
      }
    }
    return new AttachmentPolicy(file, message, types);
  }

  private static long size(JsonNode body, String field, long fallback, long max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1
        || node.asLong() > max) {
      throw SiteSettingsForm.invalid(field, "a whole number of bytes from 1 to " + max);
    }
    return node.asLong();
  }

  private static Map<String, Object> json(AttachmentPolicy policy) {
    return ApiJson.object("maxFileBytes", policy.maxFileBytes(),
        "maxMessageBytes", policy.maxMessageBytes(), "allowedTypes", policy.allowedTypes());
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_SITES);
      return staff;
    });
  }
}
