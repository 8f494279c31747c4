package org.swisscheese.tracker.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Which rollouts of a system ({@code ai.system.changed}) belong on an incident's timeline: those that happened in the
 * {@link #LOOKBACK} before it opened, or while it was open (until it closed; an open incident takes every later one).
 * A day rather than the correlation window: that window ties reports of one causal chain together and is minutes
 * long, while a model or guardrail rollout typically breaks things hours after it went out.
 */
public final class SystemChanges {

    public static final Duration LOOKBACK = Duration.ofDays(1);

    private SystemChanges() {}

    public static boolean onTimeline(Instant changedAt, Instant openedAt, Instant closedAt) {
        return !changedAt.isBefore(openedAt.minus(LOOKBACK)) && (closedAt == null || !changedAt.isAfter(closedAt));
    }
}
