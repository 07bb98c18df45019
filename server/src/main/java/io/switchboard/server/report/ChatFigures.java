package io.switchboard.server.report;

/**
 * The chat figures of one report range and filter (README "Report metrics" defines each). Rates
 * are fractions from 0 to 1, null when their denominator is zero; durations are in seconds.
 *
 * <p>Immutable, thread-safe.
 */
public record ChatFigures(
    long started,
    long answered,
    long missed,
    Double abandonRate,
    Distribution abandonedWait,
    Distribution queueWait,
    Distribution firstResponse,
    Distribution nextResponse,
    Distribution handle,
    Distribution resolution,
    long transfers,
    long resolved,
    Double resolutionRate,
    Double firstContactResolutionRate,
    Double reopenRate) {}
