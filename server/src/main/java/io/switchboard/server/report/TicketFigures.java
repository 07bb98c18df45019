package io.switchboard.server.report;

/**
 * The ticket figures of one report range and filter (README "Report metrics" defines each). Rates
 * are fractions from 0 to 1, null when their denominator is zero; durations are in seconds.
 *
 * <p>Immutable, thread-safe.
 */
public record TicketFigures(
    long created,
    long solved,
    Double resolutionRate,
    Distribution firstResponse,
    Distribution nextResponse,
    Distribution resolution,
    long reopened,
    Double reopenRate,
    Double firstContactResolutionRate,
    long complaintsOpened,
    long complaintsHandled) {}
