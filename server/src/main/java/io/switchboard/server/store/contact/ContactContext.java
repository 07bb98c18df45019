package io.switchboard.server.store.contact;

import java.time.Instant;

/**
 * The page a visitor is on and their browser, as the widget last reported it.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactContext(
    String url, String title, String userAgent, String language, String timeZone, Instant at) {}
