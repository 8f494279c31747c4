package org.swisscheese.tracker.api;

import org.swisscheese.tracker.domain.SystemChangeKind;

/** What an {@code ai.system.changed} report rolled out: a model, guardrail or configuration, at {@code version}. */
public record SystemChange(SystemChangeKind kind, String version) {}
