/**
 * The statistics managers read (DESIGN §5), as pure functions over counts and instants.
 *
 * <p>Everything here is deliberately free of Spring, Axon and storage so that the numbers a manager acts on can be
 * checked by hand, against SciPy, and against a second naive implementation in the tests. Every probability
 * distribution comes from Apache Commons Statistics: a hand-rolled quantile is the kind of code that is right on
 * the examples and wrong in the tails, which is exactly where reliability claims live.
 */
package org.swisscheese.tracker.domain.reliability;
