package org.swisscheese.tracker.projection.parked;

/**
 * Stands in, in the dead-letter queue, for a stored event that could not even be read (its payload fails to upcast
 * or to parse), so that it can be parked at all. It is never tried again: after the release that reads it, evict it
 * and replay the read model.
 */
public record UnreadableEvent(String payloadType, String reason) {}
