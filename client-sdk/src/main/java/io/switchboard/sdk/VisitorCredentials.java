package io.switchboard.sdk;

import java.util.Objects;

/**
 * A visitor's identity on one site, from {@code POST /v1/visitors}. Keep {@code visitorToken} to
 * come back as the same contact later; pass it to {@link ChatClient.Builder#token(String)}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the token out.
 */
public record VisitorCredentials(String visitorToken, String contactId, String siteId) {
  public VisitorCredentials {
    Objects.requireNonNull(visitorToken, "visitorToken");
    Objects.requireNonNull(contactId, "contactId");
  }

  @Override
  public String toString() {
    return "VisitorCredentials[contactId=" + contactId + ", siteId=" + siteId + "]";
  }
}
