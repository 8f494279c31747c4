package org.swisscheese.tracker.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swisscheese.tracker.reference.ReferenceModel.Barrier;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.PathResult;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.RestoreInput;
import org.swisscheese.tracker.reference.ReferenceModel.Result;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * Hand-worked checks of {@link NaiveSwissCheese} against DESIGN §4 and the clarifications.
 *
 * <p>Bow-tie used throughout (indices are path indices):
 * <pre>
 * opt  (threat): 0 anom ANOMALY_MONITORING (detects), 1 sat SATISFICER, 2 quant QUANTILIZER, 3 lim COMPUTE_LIMIT  T=4
 * inf  (threat): 0 box BOXING, 1 gate DEPLOYMENT_GATE, 2 imp IMPACT_MEASURE                                      T=3
 * cons (conseq): decl SELF_DECLARATION, lock SAFETY_INTERLOCK, off OFF_SWITCH, corr CORRIGIBILITY
 * paths: opt/cons n=8 (decl=4, lock=5, off=6, corr=7), inf/cons n=7 (decl=3, lock=4, off=5, corr=6)
 * </pre>
 * Correlation window 10 minutes; times are seconds after T0.
 */
class NaiveSwissCheeseTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    private static final List<Line> BOWTIE = List.of(
            new Line(
                    "opt",
                    true,
                    List.of(
                            b("anom", "ANOMALY_MONITORING"),
                            b("sat", "SATISFICER"),
                            b("quant", "QUANTILIZER"),
                            b("lim", "COMPUTE_LIMIT"))),
            new Line(
                    "inf", true, List.of(b("box", "BOXING"), b("gate", "DEPLOYMENT_GATE"), b("imp", "IMPACT_MEASURE"))),
            new Line(
                    "cons",
                    false,
                    List.of(
                            b("decl", "SELF_DECLARATION"),
                            b("lock", "SAFETY_INTERLOCK"),
                            b("off", "OFF_SWITCH"),
                            b("corr", "CORRIGIBILITY"))));

    private static Barrier b(String id, String category) {
        return new Barrier(id, category, null);
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static ReportInput rep(String id, String type, String barrier, String chain, long at) {
        return new ReportInput("src", id, type, barrier, chain, t(at), null, false);
    }

    private static ReportInput test(String id, String type, String barrier, long at) {
        return new ReportInput("src", id, type, barrier, null, t(at), null, true);
    }

    private static Result run(Input... inputs) {
        return NaiveSwissCheese.run(new Scenario(BOWTIE, Duration.ofMinutes(10), T0, List.of(inputs)));
    }

    private static PathResult path(IncidentResult inc, String threat) {
        for (PathResult p : inc.paths()) {
            if (threat.equals(p.threatLineId())) {
                return p;
            }
        }
        throw new AssertionError("no path through " + threat);
    }

    @Test
    void twoBreachesThenHoldIsANearMissWithItsMargin() {
        // chain c1 on inf: breach box(0) -> pos 1; breach gate(1) -> pos 2; trip imp(2), acting -> hold at 2.
        // position 2, stoppedBy imp; margin = acting in service at index >= 2 = imp, decl, lock, off, corr = 5.
        // history: after 1st breach pos 1 nothing holds -> UNDETERMINED; 2nd breach still UNDETERMINED; trip ->
        // NEAR_MISS.
        Result r = run(
                rep("1", "ai.barrier.breached", "box", "c1", 10),
                rep("2", "ai.barrier.breached", "gate", "c1", 20),
                rep("3", "ai.barrier.tripped", "imp", "c1", 30));
        assertEquals(1, r.incidents().size());
        IncidentResult inc = r.incidents().get(0);
        assertEquals("NEAR_MISS", inc.outcome());
        assertEquals("imp", inc.stoppedBy());
        assertEquals(5, inc.margin());
        assertEquals(7, inc.pathLength());
        assertEquals(List.of("box", "gate"), inc.breachedBarriers());
        assertEquals(List.of("UNDETERMINED", "NEAR_MISS"), inc.outcomeHistory());
        assertEquals(List.of(new PathResult("inf", "cons", 2, 7, 5, "NEAR_MISS", "imp")), inc.paths());
        assertArrayEquals(new int[] {0, 1}, r.demands().get("box"));
        assertArrayEquals(new int[] {1, 0}, r.demands().get("imp"));

        // same, then lock degraded (not evidence): margin 5 - 1 = 4, outcome unchanged, history unchanged
        Result r2 = run(
                rep("1", "ai.barrier.breached", "box", "c1", 10),
                rep("2", "ai.barrier.breached", "gate", "c1", 20),
                rep("3", "ai.barrier.tripped", "imp", "c1", 30),
                rep("4", "ai.barrier.degraded", "lock", null, 40));
        IncidentResult inc2 = r2.incidents().get(0);
        assertEquals(4, inc2.margin());
        assertEquals(List.of("1", "2", "3"), inc2.reportIds());
        assertEquals(List.of("UNDETERMINED", "NEAR_MISS"), inc2.outcomeHistory());
        assertEquals("DEGRADED", r2.barrierStates().get("lock"));
    }

    @Test
    void detectionOnlyChainStaysUndeterminedAndIsNeverStoppedByADetectionBarrier() {
        // anomaly on anom(0), a detection barrier: pos 0+1 = 1, seen and passed, not a hold; it opens an incident.
        // barrier at pos 1 = sat has no evidence -> no stoppedBy -> UNDETERMINED.
        // margin = sat, quant, lim, decl, lock, off, corr = 7 (anom at index 0 < 1 anyway, and detects).
        Result first = run(rep("1", "ai.anomaly.detected", "anom", "c2", 10));
        IncidentResult a = first.incidents().get(0);
        assertEquals("UNDETERMINED", a.outcome());
        assertNull(a.stoppedBy());
        assertEquals(7, a.margin());
        assertEquals(List.of(), a.breachedBarriers());
        assertArrayEquals(new int[] {1, 0}, first.demands().get("anom")); // a detection is a held demand

        // then breach of sat(1): pos 2; quant at 2 has no evidence -> UNDETERMINED, margin quant, lim + 4 = 6
        Result r = run(
                rep("1", "ai.anomaly.detected", "anom", "c2", 10), rep("2", "ai.barrier.breached", "sat", "c2", 20));
        IncidentResult inc = r.incidents().get(0);
        assertEquals("UNDETERMINED", inc.outcome());
        assertNull(inc.stoppedBy());
        assertEquals(6, inc.margin());
        assertEquals(List.of("sat"), inc.breachedBarriers());
        assertEquals(List.of("UNDETERMINED"), inc.outcomeHistory());
        assertEquals(List.of(new PathResult("opt", "cons", 2, 8, 6, "UNDETERMINED", null)), inc.paths());

        // a trip of the detection barrier as the only report: pos 1 as well, never stoppedBy anom
        Result trip = run(rep("1", "ai.barrier.tripped", "anom", null, 10));
        assertNull(trip.incidents().get(0).stoppedBy());
        assertEquals(1, trip.incidents().get(0).paths().get(0).position());
    }

    @Test
    void harmOnlyIsAFullFailureWithMarginZero() {
        // harm naming no line touches every path: position = n on both (8 and 7), FULL_FAILURE, margin 0.
        // worst: tie (FULL_FAILURE, 0) -> earlier path opt/cons, pathLength 8.
        Result r = run(new ReportInput("src", "h", "ai.harm.reported", null, null, t(10), null, false));
        IncidentResult inc = r.incidents().get(0);
        assertEquals("FULL_FAILURE", inc.outcome());
        assertEquals(0, inc.margin());
        assertEquals(8, inc.pathLength());
        assertNull(inc.stoppedBy());
        assertEquals(
                List.of(
                        new PathResult("opt", "cons", 8, 8, 0, "FULL_FAILURE", null),
                        new PathResult("inf", "cons", 7, 7, 0, "FULL_FAILURE", null)),
                inc.paths());
        assertEquals(List.of("FULL_FAILURE"), inc.outcomeHistory());
        assertTrue(r.demands().isEmpty());
        assertFalse(r.activityAfterShutdown());
    }

    @Test
    void offSwitchHoldCountsTheOffSwitchInTheMargin() {
        // chain c4: lock breached (opt/cons k=5 -> pos 6), then shutdown.completed without barrier -> first
        // OFF_SWITCH = off (k=6): a hold at 6. pos 6 >= T=4 -> TOP_EVENT; stoppedBy off;
        // margin = acting in service from index 6: off, corr = 2. inf/cons: pos 5 (= off), margin 2.
        // worst: tie (TOP_EVENT, 2) -> opt/cons, pathLength 8. lock failed a demand on a consequence line: IMPAIRED.
        Result r = run(
                rep("1", "ai.barrier.breached", "lock", "c4", 10), rep("2", "ai.shutdown.completed", null, "c4", 20));
        IncidentResult inc = r.incidents().get(0);
        assertEquals("TOP_EVENT", inc.outcome());
        assertEquals("off", inc.stoppedBy());
        assertEquals(2, inc.margin());
        assertEquals(8, inc.pathLength());
        assertEquals(new PathResult("inf", "cons", 5, 7, 2, "TOP_EVENT", "off"), path(inc, "inf"));
        assertEquals(List.of("TOP_EVENT"), inc.outcomeHistory());
        assertEquals(List.of("lock"), inc.breachedBarriers());
        assertEquals("SHUT_DOWN", r.lifecycle());
        assertEquals("IMPAIRED", r.barrierStates().get("lock"));
        assertArrayEquals(new int[] {1, 0}, r.demands().get("off"));
        assertArrayEquals(new int[] {0, 1}, r.demands().get("lock"));
    }

    @Test
    void lateHarmThatOccurredBeforeTheShutdownIsNoActivityAfterShutdown() {
        // shutdown.completed at 100 (opens incident 1: consequence-line report). Harm occurred at 50, arrives
        // after: 50 is not strictly after 100 -> not activity after shutdown. Unchained harm joins incident 1
        // (50 within [100-600, 100+600], harm is past the top event) -> FULL_FAILURE.
        Result r = run(
                rep("s", "ai.shutdown.completed", "off", null, 100),
                new ReportInput("src", "h", "ai.harm.reported", null, null, t(50), null, false));
        assertFalse(r.activityAfterShutdown());
        assertEquals(1, r.incidents().size());
        IncidentResult inc = r.incidents().get(0);
        assertEquals(List.of("s", "h"), inc.reportIds());
        assertEquals(List.of("TOP_EVENT", "FULL_FAILURE"), inc.outcomeHistory());
        assertArrayEquals(new int[] {1, 0}, r.demands().get("off"));
        assertEquals("IN_SERVICE", r.barrierStates().get("off"));
        assertEquals("SHUT_DOWN", r.lifecycle());
    }

    @Test
    void activityAfterShutdownIsAFailureOfTheOffSwitch() {
        // shutdown.completed (chain s) at 100 -> incident 1, hold on off (opt/cons k=6).
        // tripped box (chain x) at 200 > 100: activity after shutdown. No open incident with chain x -> it opens
        // incident 2 anyway. off fails at 200, in the shutdown report's incident 1: hold@100 then fail@200 ->
        // pos 7 on opt/cons, margin = corr = 1, TOP_EVENT, stoppedBy none (corr has no evidence);
        // inf/cons pos 6, margin 1. One shutdown = one demand: off = [0 held, 1 failed], not [1, 1].
        // Incident 2: inf/cons, box(0) holds, pos 0 -> stoppedBy box -> NEAR_MISS (clar. 5);
        // margin = box, gate, imp, decl, lock, corr = 6 (off is IMPAIRED now).
        Result r = run(
                rep("s", "ai.shutdown.completed", "off", "s", 100), rep("x1", "ai.barrier.tripped", "box", "x", 200));
        assertTrue(r.activityAfterShutdown());
        assertEquals(2, r.incidents().size());
        IncidentResult one = r.incidents().get(0);
        assertEquals("TOP_EVENT", one.outcome());
        assertEquals(1, one.margin());
        assertNull(one.stoppedBy());
        assertEquals(List.of("off"), one.breachedBarriers());
        assertEquals(List.of("s"), one.reportIds());
        assertEquals(new PathResult("opt", "cons", 7, 8, 1, "TOP_EVENT", null), path(one, "opt"));
        assertEquals(new PathResult("inf", "cons", 6, 7, 1, "TOP_EVENT", null), path(one, "inf"));
        IncidentResult two = r.incidents().get(1);
        assertEquals(2, two.number());
        assertEquals("x", two.chainId());
        assertEquals(List.of("x1"), two.reportIds());
        assertEquals(List.of(new PathResult("inf", "cons", 0, 7, 6, "NEAR_MISS", "box")), two.paths());
        assertEquals("IMPAIRED", r.barrierStates().get("off"));
        assertArrayEquals(new int[] {0, 1}, r.demands().get("off"));
        assertArrayEquals(new int[] {1, 0}, r.demands().get("box"));
        assertEquals("SHUT_DOWN", r.lifecycle());
    }

    @Test
    void activityThatArrivedBeforeTheShutdownReportButOccurredAfterIt() {
        // clar. 12 "also if it arrived before the shutdown report": tripped box (chain x) at 200 arrives first: an
        // acting threat-line trip, nothing open -> held demand, no incident. shutdown.completed (chain s) at 100
        // arrives next: incident 1; then box@200 is activity after shutdown -> it opens incident 2 now; off fails
        // in incident 1 exactly as in the previous case.
        Result r = run(
                rep("x1", "ai.barrier.tripped", "box", "x", 200), rep("s", "ai.shutdown.completed", "off", "s", 100));
        assertTrue(r.activityAfterShutdown());
        assertEquals(2, r.incidents().size());
        assertEquals(List.of("s"), r.incidents().get(0).reportIds());
        assertEquals(List.of("off"), r.incidents().get(0).breachedBarriers());
        assertEquals(1, r.incidents().get(0).margin());
        assertEquals(List.of("x1"), r.incidents().get(1).reportIds());
        assertArrayEquals(new int[] {0, 1}, r.demands().get("off"));
        assertEquals("IMPAIRED", r.barrierStates().get("off"));
    }

    @Test
    void aHoldOnOneLineNeverContainsAHazardLooseOnAnother() {
        // chain m: breach box (inf 0) -> inf/cons pos 1, gate no evidence -> UNDETERMINED, margin gate, imp + 4 = 6.
        // trip sat (opt 1, acting): opt/cons pos 1, hold -> NEAR_MISS, margin sat, quant, lim + 4 = 7.
        // worst: UNDETERMINED > NEAR_MISS -> inf/cons: margin 6, pathLength 7, no stoppedBy.
        Result r = run(rep("1", "ai.barrier.breached", "box", "m", 10), rep("2", "ai.barrier.tripped", "sat", "m", 20));
        IncidentResult inc = r.incidents().get(0);
        assertEquals("UNDETERMINED", inc.outcome());
        assertEquals(6, inc.margin());
        assertEquals(7, inc.pathLength());
        assertNull(inc.stoppedBy());
        assertEquals(List.of("box"), inc.breachedBarriers());
        assertEquals(
                List.of(
                        new PathResult("opt", "cons", 1, 8, 7, "NEAR_MISS", "sat"),
                        new PathResult("inf", "cons", 1, 7, 6, "UNDETERMINED", null)),
                inc.paths());
        assertEquals(List.of("UNDETERMINED"), inc.outcomeHistory());
    }

    @Test
    void barrierStateFollowsOccurrenceTimeNotArrival() {
        // lock: restored@200 arrives before degraded@100 -> fold by time: degraded(100), restored(200) -> IN_SERVICE.
        // corr: degraded@100, then restored@50 arrives later -> restored(50), degraded(100) -> DEGRADED.
        // decl: failed proof test@10 -> IMPAIRED; operator restore@20 -> IN_SERVICE.
        Result r = run(
                rep("1", "ai.barrier.restored", "lock", null, 200),
                rep("2", "ai.barrier.degraded", "lock", null, 100),
                rep("3", "ai.barrier.degraded", "corr", null, 100),
                rep("4", "ai.barrier.restored", "corr", null, 50),
                test("5", "ai.barrier.breached", "decl", 10),
                new RestoreInput("decl", t(20)));
        assertEquals("IN_SERVICE", r.barrierStates().get("lock"));
        assertEquals("DEGRADED", r.barrierStates().get("corr"));
        assertEquals("IN_SERVICE", r.barrierStates().get("decl"));
        assertTrue(r.incidents().isEmpty()); // degraded/restored open nothing
        assertEquals(11, r.barrierStates().size());
    }

    @Test
    void redeliveryIsBySourceAndId() {
        // (src,1) breach box; (src,1) again = duplicate, nothing changes; (other,1) is another report: it joins
        // incident 1 (same line, inside the window). box demands: 2 failed. breachedBarriers lists box once.
        Result r = run(
                rep("1", "ai.barrier.breached", "box", null, 10),
                rep("1", "ai.barrier.breached", "box", null, 10),
                new ReportInput("other", "1", "ai.barrier.breached", "box", null, t(20), null, false));
        assertEquals(List.of("1"), r.duplicates());
        assertEquals(1, r.incidents().size());
        assertEquals(List.of("1", "1"), r.incidents().get(0).reportIds());
        assertEquals(List.of("box"), r.incidents().get(0).breachedBarriers());
        assertArrayEquals(new int[] {0, 2}, r.demands().get("box"));
    }

    @Test
    void proofTestsAreNotDemandsAndOpenNothing() {
        // tripped test on lock = passed [1,0]; breached test on corr = failed [0,1] -> corr IMPAIRED;
        // shutdown.completed test = passed on off, lifecycle unchanged. No incident, no demand.
        Result r = run(
                test("p1", "ai.barrier.tripped", "lock", 10),
                test("p2", "ai.barrier.breached", "corr", 20),
                test("p3", "ai.shutdown.completed", null, 30));
        assertTrue(r.incidents().isEmpty());
        assertTrue(r.demands().isEmpty());
        assertArrayEquals(new int[] {1, 0}, r.proofTests().get("lock"));
        assertArrayEquals(new int[] {0, 1}, r.proofTests().get("corr"));
        assertArrayEquals(new int[] {1, 0}, r.proofTests().get("off"));
        assertEquals(3, r.proofTests().size());
        assertEquals("IMPAIRED", r.barrierStates().get("corr"));
        assertEquals("DEPLOYED", r.lifecycle());
    }

    @Test
    void aHeldDemandOfAnActingPreventiveBarrierOpensNothing() {
        // unchained trip of sat with nothing open: a held demand, no incident.
        Result r = run(rep("1", "ai.barrier.tripped", "sat", null, 10));
        assertTrue(r.incidents().isEmpty());
        assertArrayEquals(new int[] {1, 0}, r.demands().get("sat"));
    }
}
