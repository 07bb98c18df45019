package io.switchboard.server.report;

/**
 * SLA attainment of one clock and priority: {@code target} is {@code ticket} or {@code chat},
 * {@code clock} one of first_response, next_response, initial_solution, resolution; clocks that
 * stopped in the range are measured, met or breached; attainment is met over measured (null when
 * none).
 *
 * <p>Immutable, thread-safe.
 */
public record SlaAttainment(
    String target, String clock, String priority, long measured, long met, long breached,
    Double attainment) {}
