package org.swisscheese.tracker.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.swisscheese.tracker.reference.ReferenceModel.Barrier;
import org.swisscheese.tracker.reference.ReferenceModel.IncidentResult;
import org.swisscheese.tracker.reference.ReferenceModel.Input;
import org.swisscheese.tracker.reference.ReferenceModel.LifecycleInput;
import org.swisscheese.tracker.reference.ReferenceModel.Line;
import org.swisscheese.tracker.reference.ReferenceModel.PathResult;
import org.swisscheese.tracker.reference.ReferenceModel.ReclassifyInput;
import org.swisscheese.tracker.reference.ReferenceModel.ReportInput;
import org.swisscheese.tracker.reference.ReferenceModel.RestoreInput;
import org.swisscheese.tracker.reference.ReferenceModel.Result;
import org.swisscheese.tracker.reference.ReferenceModel.ReviseInput;
import org.swisscheese.tracker.reference.ReferenceModel.Scenario;

/**
 * A deliberately naive reading of DESIGN §4 (with /work/notes/clarifications.md, "clar. N" below), used as a test
 * oracle. It keeps the raw accepted reports, and re-judges every incident from its raw report list after every input.
 * Nothing is incremental except what is inherently so (correlation at arrival, lifecycle, shutdown in force).
 */
public final class NaiveSwissCheese {

    private static final String TRIPPED = "ai.barrier.tripped";
    private static final String BREACHED = "ai.barrier.breached";
    private static final String DEGRADED = "ai.barrier.degraded";
    private static final String RESTORED = "ai.barrier.restored";
    private static final String ANOMALY = "ai.anomaly.detected";
    private static final String SD_REQUESTED = "ai.shutdown.requested";
    private static final String SD_COMPLETED = "ai.shutdown.completed";
    private static final String SD_FAILED = "ai.shutdown.failed";
    private static final String HARM = "ai.harm.reported";

    // evidence kinds (clar. 2)
    private static final String EV_FAIL = "FAIL"; // position >= k+1, a failure at k
    private static final String EV_SEEN = "SEEN"; // detection trip: position >= k+1, neither hold nor failure
    private static final String EV_HOLD = "HOLD"; // position >= k, a hold at k
    private static final String EV_REACHED = "REACHED"; // shutdown.requested: position >= k
    private static final String EV_HARM = "HARM"; // position = n

    private NaiveSwissCheese() {}

    // ------------------------------------------------------------------------------------------------------------
    // raw state
    // ------------------------------------------------------------------------------------------------------------

    /** One accepted report (proof tests included), with its arrival index and resolved barrier. */
    private static final class Rep {
        ReportInput in;
        int arrival;
        String barrierId; // resolved (shutdown without barrier -> first OFF_SWITCH); null for harm
        Incident incident; // the incident it was correlated into, if any
        boolean defeated; // shutdown.completed whose single demand became a failure (clar. 12, 16)
    }

    /** The off-switch failure created by activity after shutdown (clar. 12). */
    private static final class Synth {
        String barrierId;
        Instant at;
        int arrival;
    }

    private static final class Incident {
        int number;
        String chainId;
        List<Rep> reports = new ArrayList<>();
        List<Synth> synths = new ArrayList<>();
        List<String> history = new ArrayList<>();
    }

    private static final class Shutdown {
        Instant at;
        String offSwitch; // may be null
        Rep report; // the shutdown.completed report, null for an operator shutdown
        boolean used; // at most one activity after shutdown per shutdown (clar. 12)
    }

    private static final class OperatorRestore {
        String barrierId;
        Instant at;
        int arrival;
    }

    /** One path (clar. 1). */
    private static final class PathDef {
        Line threat; // may be null
        Line consequence; // may be null
        List<Barrier> barriers = new ArrayList<>();
        int t;
    }

    private static final class State {
        List<Line> lines;
        Duration window;
        String lifecycle = "DEPLOYED";
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        List<Rep> accepted = new ArrayList<>();
        List<Synth> allSynths = new ArrayList<>();
        List<OperatorRestore> restores = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        Shutdown inForce;
        boolean activityAfterShutdown;
    }

    // ------------------------------------------------------------------------------------------------------------
    // entry point
    // ------------------------------------------------------------------------------------------------------------

    public static Result run(Scenario scenario) {
        State s = new State();
        s.lines = new ArrayList<>(scenario.lines());
        s.window = scenario.correlationWindow();

        List<Input> inputs = scenario.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            if (input instanceof ReportInput r) {
                handleReport(s, r, i);
            } else if (input instanceof LifecycleInput l) {
                handleLifecycle(s, l, i);
            } else if (input instanceof RestoreInput ri) {
                // operator restore: clears DEGRADED and IMPAIRED at its time, arrival = input position (clar. 11)
                OperatorRestore o = new OperatorRestore();
                o.barrierId = ri.barrierId();
                o.at = ri.at();
                o.arrival = i;
                s.restores.add(o);
            } else if (input instanceof ReviseInput rv) {
                // clar. 17: new bow-tie; open incidents are re-judged below
                s.lines = new ArrayList<>(rv.lines());
            } else if (input instanceof ReclassifyInput) {
                throw new IllegalArgumentException("a reclassification is NaiveReclassification's to read: " + input);
            }

            // re-judge ALL incidents after every input; record outcome at opening and every change (§4 "every
            // change of outcome is an event"; clar. 19: none ever closes)
            for (Incident inc : s.incidents) {
                String outcome = judge(s, inc).outcome();
                if (inc.history.isEmpty()) {
                    inc.history.add(outcome);
                } else if (!inc.history.get(inc.history.size() - 1).equals(outcome)) {
                    inc.history.add(outcome);
                }
            }
        }

        // ---- results ----
        List<IncidentResult> incidents = new ArrayList<>();
        for (Incident inc : s.incidents) {
            IncidentResult j = judge(s, inc);
            incidents.add(new IncidentResult(
                    j.number(),
                    j.chainId(),
                    j.reportIds(),
                    j.outcome(),
                    j.breachedBarriers(),
                    j.stoppedBy(),
                    j.margin(),
                    j.pathLength(),
                    j.paths(),
                    List.copyOf(inc.history)));
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (Line line : s.lines) {
            for (Barrier b : line.barriers()) {
                states.put(b.id(), barrierState(s, b.id()));
            }
        }
        return new Result(
                incidents,
                states,
                s.lifecycle,
                List.copyOf(s.duplicates),
                demands(s),
                proofTests(s),
                s.activityAfterShutdown);
    }

    // ------------------------------------------------------------------------------------------------------------
    // reports
    // ------------------------------------------------------------------------------------------------------------

    private static void handleReport(State s, ReportInput r, int arrival) {
        String key = r.source() + "\u0000" + r.id();
        // clar. 13: same (source, id) as one already recorded -> duplicate, changes nothing
        if (s.seen.contains(key)) {
            s.duplicates.add(r.id());
            return;
        }

        // clar. 15 / 14: validation; rejected reports are not remembered for redelivery
        String type = r.type();
        boolean isShutdown = type.equals(SD_REQUESTED) || type.equals(SD_COMPLETED) || type.equals(SD_FAILED);
        if (r.test() && (type.equals(DEGRADED) || type.equals(RESTORED) || type.equals(HARM))) {
            return; // clar. 14: test flag on degraded/restored/harm is rejected
        }
        String barrierId = r.barrierId();
        if (barrierId != null) {
            if (findBarrier(s, barrierId) == null) {
                return; // clar. 15: a barrier the bow-tie does not have
            }
        } else if (isShutdown) {
            barrierId = firstOffSwitch(s); // §3 / ReferenceModel: null -> the first OFF_SWITCH barrier
            if (barrierId == null && !type.equals(SD_COMPLETED)) {
                return; // clar. 15: requested/failed without barrier and no OFF_SWITCH
            }
        } else if (!type.equals(HARM)) {
            return; // a barrier report without a barrier: no such barrier (clar. 15)
        }
        if (type.equals(HARM) && r.consequenceLine() != null) {
            Line l = findLine(s, r.consequenceLine());
            if (l == null || l.threat()) {
                return; // clar. 15: harm naming a line that is not a consequence line
            }
        }

        s.seen.add(key);
        Rep rep = new Rep();
        rep.in = r;
        rep.arrival = arrival;
        rep.barrierId = type.equals(HARM) ? null : barrierId;
        s.accepted.add(rep);

        // clar. 14: proof tests are counted (see proofTests()), never correlated, never a demand, never activity
        if (r.test()) {
            return;
        }
        // degraded / restored: barrier state only (clar. 11), not evidence (clar. 2), not correlated (choice)
        if (type.equals(DEGRADED) || type.equals(RESTORED)) {
            return;
        }
        // clar. 15: shutdown.completed without barrier and no OFF_SWITCH: lifecycle only, no demand, no incident
        boolean correlate = !(type.equals(SD_COMPLETED) && rep.barrierId == null);

        // clar. 12: is this the (first) activity that occurred strictly after the shutdown in force?
        boolean activityAfter = false;
        if (isActivity(rep)
                && s.inForce != null
                && !s.inForce.used
                && r.occurredAt().isAfter(s.inForce.at)) {
            activityAfter = true;
        }

        if (correlate) {
            // clar. 9: correlation, checks on the incidents' state before this report
            Incident target = correlateTarget(s, rep);
            boolean opened = false;
            if (target == null && (isOpener(s, rep) || activityAfter)) {
                target = open(s, rep.in.chainId()); // clar. 9 openers, clar. 12 always opens
                opened = true;
            }
            if (target != null) {
                target.reports.add(rep);
                rep.incident = target;
            }
            if (opened) {
                joinHeldDemands(s, target);
            }
            // else: a held demand (acting threat-line trip/anomaly, or shutdown on a threat line): recorded only
        }

        // clar. 12: a non-test shutdown.completed on a DEPLOYED or SUSPENDED system -> SHUT_DOWN, shutdown in force
        if (type.equals(SD_COMPLETED) && (s.lifecycle.equals("DEPLOYED") || s.lifecycle.equals("SUSPENDED"))) {
            s.lifecycle = "SHUT_DOWN";
            Shutdown sd = new Shutdown();
            sd.at = r.occurredAt();
            sd.offSwitch = rep.barrierId;
            sd.report = rep;
            s.inForce = sd;
            retroactiveActivity(s, arrival);
        }

        if (activityAfter) {
            applyActivityAfterShutdown(s, s.inForce, rep, arrival);
        }
    }

    /**
     * clar. 12 "(whenever it arrives; also if it arrived before the shutdown report)": when a shutdown is put in
     * force, an activity already recorded that occurred strictly after it is activity after shutdown. Choice: the
     * earliest such activity by (occurredAt, arrival). If it joined no incident when it arrived, it opens one now.
     */
    private static void retroactiveActivity(State s, int arrival) {
        Shutdown sd = s.inForce;
        Rep found = null;
        for (Rep rep : s.accepted) {
            if (rep.arrival >= arrival) {
                continue; // only reports that arrived before the shutdown
            }
            if (!isActivity(rep) || !rep.in.occurredAt().isAfter(sd.at)) {
                continue;
            }
            if (found == null || before(rep.in.occurredAt(), rep.arrival, found.in.occurredAt(), found.arrival)) {
                found = rep;
            }
        }
        if (found == null) {
            return;
        }
        if (found.incident == null) {
            Incident inc = open(s, found.in.chainId()); // "always opens an incident if it joins none"
            inc.reports.add(found);
            found.incident = inc;
            joinHeldDemands(s, inc);
        }
        applyActivityAfterShutdown(s, sd, found, arrival);
    }

    /** clar. 12: the consequences of one activity after shutdown. */
    private static void applyActivityAfterShutdown(State s, Shutdown sd, Rep activity, int arrival) {
        sd.used = true;
        s.activityAfterShutdown = true;
        if (sd.offSwitch == null) {
            return; // no off switch: the incident (already opened) and the alert only
        }
        // clar. 16: the shutdown's single demand counts as failed instead of held
        if (sd.report != null) {
            sd.report.defeated = true;
        }
        // clar. 12: a failure of the off switch at the activity's occurredAt, in the shutdown report's incident if
        // still open (always, clar. 19), else in the activity's incident
        Synth f = new Synth();
        f.barrierId = sd.offSwitch;
        f.at = activity.in.occurredAt();
        f.arrival = arrival; // choice: tie-break index = the input that revealed the failure
        Incident target = sd.report != null && sd.report.incident != null ? sd.report.incident : activity.incident;
        if (target != null) {
            target.synths.add(f);
        }
        s.allSynths.add(f); // clar. 11: IMPAIRED if a consequence-line barrier
    }

    private static Incident open(State s, String chainId) {
        Incident inc = new Incident();
        inc.number = s.incidents.size() + 1; // clar. 10
        inc.chainId = chainId;
        s.incidents.add(inc);
        return inc;
    }

    /** clar. 12: activity = non-test tripped, breached, anomaly.detected, harm. */
    private static boolean isActivity(Rep rep) {
        if (rep.in.test()) {
            return false;
        }
        String t = rep.in.type();
        return t.equals(TRIPPED) || t.equals(BREACHED) || t.equals(ANOMALY) || t.equals(HARM);
    }

    /** clar. 9 openers (activity after shutdown handled by the caller). */
    private static boolean isOpener(State s, Rep rep) {
        String t = rep.in.type();
        if (t.equals(BREACHED) || t.equals(SD_FAILED) || t.equals(HARM)) {
            return true; // failure of any barrier; harm
        }
        Line line = lineOf(s, rep.barrierId);
        if (line != null && !line.threat()) {
            return true; // any report on a consequence-line barrier
        }
        if (t.equals(TRIPPED) || t.equals(ANOMALY)) {
            return !acts(findBarrier(s, rep.barrierId)); // a detection
        }
        return false;
    }

    /**
     * clar. 20: when an incident opens, the held demands not yet in any incident join it, in arrival order, if rule 9
     * would correlate them with it as it then stands.
     */
    private static void joinHeldDemands(State s, Incident inc) {
        for (Rep rep : s.accepted) {
            if (rep.incident != null || rep.in.test()) {
                continue;
            }
            String t = rep.in.type();
            if (t.equals(DEGRADED) || t.equals(RESTORED) || rep.barrierId == null) {
                continue; // not evidence
            }
            if (matches(s, rep, inc)) {
                inc.reports.add(rep);
                rep.incident = inc;
            }
        }
    }

    /** clar. 9 for one incident: would this report be correlated with it? */
    private static boolean matches(State s, Rep rep, Incident inc) {
        String chain = rep.in.chainId();
        if (chain != null) {
            return chain.equals(inc.chainId);
        }
        Instant at = rep.in.occurredAt();
        Instant earliest = null;
        Instant latest = null;
        for (Rep r : inc.reports) {
            Instant o = r.in.occurredAt();
            if (earliest == null || o.isBefore(earliest)) {
                earliest = o;
            }
            if (latest == null || o.isAfter(latest)) {
                latest = o;
            }
        }
        if (at.isBefore(earliest.minus(s.window)) || at.isAfter(latest.plus(s.window))) {
            return false;
        }
        Line repLine = lineOf(s, rep.barrierId);
        if (rep.in.type().equals(HARM) || (repLine != null && !repLine.threat())) {
            return true;
        }
        for (PathResult p : judge(s, inc).paths()) {
            if (p.position() >= tOf(s, p)) {
                return true;
            }
        }
        for (R r : reportsWithLines(s, inc)) {
            if (repLine != null && r.line != null && r.line.id().equals(repLine.id())) {
                return true;
            }
        }
        return false;
    }

    /** clar. 9: which open incident a report joins, or null. */
    private static Incident correlateTarget(State s, Rep rep) {
        String chain = rep.in.chainId();
        if (chain != null) {
            // chained: the open incident with that chainId; never joins by time
            for (Incident inc : s.incidents) {
                if (chain.equals(inc.chainId)) {
                    return inc;
                }
            }
            return null;
        }
        Instant at = rep.in.occurredAt();
        Line repLine = lineOf(s, rep.barrierId);
        boolean repPastTop = rep.in.type().equals(HARM) || (repLine != null && !repLine.threat());
        Incident best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Incident inc : s.incidents) {
            Instant earliest = null;
            Instant latest = null;
            for (Rep r : inc.reports) {
                Instant o = r.in.occurredAt();
                if (earliest == null || o.isBefore(earliest)) {
                    earliest = o;
                }
                if (latest == null || o.isAfter(latest)) {
                    latest = o;
                }
            }
            // (a) widened span contains the report's time (inclusive)
            if (at.isBefore(earliest.minus(s.window)) || at.isAfter(latest.plus(s.window))) {
                continue;
            }
            // (b) report past the top event, or incident past the top event, or incident has a report on that line
            boolean ok = repPastTop;
            if (!ok) {
                for (PathResult p : judge(s, inc).paths()) {
                    if (p.position() >= tOf(s, p)) {
                        ok = true;
                    }
                }
            }
            if (!ok && repLine != null) {
                for (R r : reportsWithLines(s, inc)) {
                    if (r.line != null && r.line.id().equals(repLine.id())) {
                        ok = true;
                    }
                }
            }
            if (!ok) {
                continue;
            }
            // nearest unwidened span (0 inside); ties: the most recently opened
            long distance = 0;
            if (at.isBefore(earliest)) {
                distance = Duration.between(at, earliest).toNanos();
            } else if (at.isAfter(latest)) {
                distance = Duration.between(latest, at).toNanos();
            }
            if (best == null || distance < bestDistance || (distance == bestDistance && inc.number > best.number)) {
                best = inc;
                bestDistance = distance;
            }
        }
        return best;
    }

    private record R(Rep rep, Line line) {}

    private static List<R> reportsWithLines(State s, Incident inc) {
        List<R> out = new ArrayList<>();
        for (Rep r : inc.reports) {
            out.add(new R(r, lineOf(s, r.barrierId)));
        }
        return out;
    }

    private static int tOf(State s, PathResult p) {
        if (p.threatLineId() == null) {
            return 0;
        }
        return findLine(s, p.threatLineId()).barriers().size();
    }

    // ------------------------------------------------------------------------------------------------------------
    // lifecycle
    // ------------------------------------------------------------------------------------------------------------

    private static void handleLifecycle(State s, LifecycleInput l, int arrival) {
        String from = s.lifecycle;
        String to = l.target();
        // clar. 18: allowed operator moves; others refused (ignored)
        boolean allowed = switch (from) {
            case "REGISTERED" -> to.equals("DEPLOYED") || to.equals("DECOMMISSIONED");
            case "DEPLOYED" -> to.equals("SUSPENDED") || to.equals("SHUT_DOWN") || to.equals("DECOMMISSIONED");
            case "SUSPENDED" -> to.equals("DEPLOYED") || to.equals("SHUT_DOWN") || to.equals("DECOMMISSIONED");
            case "SHUT_DOWN" -> to.equals("DEPLOYED") || to.equals("DECOMMISSIONED");
            default -> false;
        };
        if (!allowed) {
            return;
        }
        s.lifecycle = to;
        if (to.equals("DEPLOYED")) {
            s.inForce = null; // clar. 12: a redeploy ends the shutdown in force
        } else if (to.equals("SHUT_DOWN") || to.equals("DECOMMISSIONED")) {
            // clar. 12: an operator shutdown is in force at its time with no off switch; choice: if a shutdown is
            // already in force it stays as it is (its time, off switch, demand, once-flag)
            if (s.inForce == null) {
                Shutdown sd = new Shutdown();
                sd.at = l.at();
                sd.offSwitch = null;
                sd.report = null;
                s.inForce = sd;
                retroactiveActivity(s, arrival); // choice: also for operator shutdowns
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // judgement of one incident from its raw reports (clar. 2-8, 17)
    // ------------------------------------------------------------------------------------------------------------

    private static final class Ev {
        String barrierId; // null for harm
        String kind;
        Instant at;
        int arrival;
        String consequenceLine; // harm only
    }

    private static List<Ev> evidence(State s, Incident inc) {
        List<Ev> out = new ArrayList<>();
        for (Rep r : inc.reports) {
            String t = r.in.type();
            if (t.equals(HARM)) {
                Ev e = new Ev();
                e.kind = EV_HARM;
                e.at = r.in.occurredAt();
                e.arrival = r.arrival;
                e.consequenceLine = r.in.consequenceLine();
                out.add(e);
                continue;
            }
            Barrier b = findBarrier(s, r.barrierId);
            if (b == null) {
                continue; // clar. 17: reports on barriers the current bow-tie lacks are ignored
            }
            Ev e = new Ev();
            e.barrierId = r.barrierId;
            e.at = r.in.occurredAt();
            e.arrival = r.arrival;
            if (t.equals(BREACHED) || t.equals(SD_FAILED)) {
                e.kind = EV_FAIL;
            } else if (t.equals(TRIPPED) || t.equals(ANOMALY)) {
                e.kind = acts(b) ? EV_HOLD : EV_SEEN;
            } else if (t.equals(SD_COMPLETED)) {
                e.kind = EV_HOLD;
            } else if (t.equals(SD_REQUESTED)) {
                e.kind = EV_REACHED;
            } else {
                continue; // not evidence
            }
            out.add(e);
        }
        // the off-switch failure of activity after shutdown (clar. 12); after the reports so that on an exact tie
        // (same time, same arrival) the failure is the later evidence
        for (Synth f : inc.synths) {
            if (findBarrier(s, f.barrierId) == null) {
                continue; // clar. 17
            }
            Ev e = new Ev();
            e.barrierId = f.barrierId;
            e.kind = EV_FAIL;
            e.at = f.at;
            e.arrival = f.arrival;
            out.add(e);
        }
        // order of occurrence, ties by arrival (stable insertion sort: plain and obvious)
        List<Ev> sorted = new ArrayList<>();
        for (Ev e : out) {
            int pos = sorted.size();
            while (pos > 0 && before(e.at, e.arrival, sorted.get(pos - 1).at, sorted.get(pos - 1).arrival)) {
                pos--;
            }
            sorted.add(pos, e);
        }
        return sorted;
    }

    private static IncidentResult judge(State s, Incident inc) {
        List<Ev> evs = evidence(s, inc);
        List<PathDef> paths = paths(s);
        List<PathResult> touched = new ArrayList<>();
        List<Boolean> nothingPassed = new ArrayList<>();
        List<Integer> evidenced = new ArrayList<>(); // clar. 6: distinct barriers of the path with evidence
        for (PathDef p : paths) {
            int n = p.barriers.size();
            boolean isTouched = false;
            boolean harm = false;
            int position = 0;
            for (Ev e : evs) {
                if (e.kind.equals(EV_HARM)) {
                    // clar. 8: harm touches the paths of its consequence line, all paths if it names none
                    if (e.consequenceLine == null
                            || (p.consequence != null && p.consequence.id().equals(e.consequenceLine))) {
                        isTouched = true;
                        harm = true;
                        position = Math.max(position, n);
                    }
                    continue;
                }
                int k = indexOn(p, e.barrierId);
                if (k < 0) {
                    continue; // clar. 8: a barrier report touches the paths through its line
                }
                isTouched = true;
                if (e.kind.equals(EV_FAIL) || e.kind.equals(EV_SEEN)) {
                    position = Math.max(position, k + 1); // clar. 2
                } else {
                    position = Math.max(position, k); // clar. 2 (hold, requested)
                }
            }
            if (!isTouched) {
                continue; // clar. 2: an untouched path is not part of the incident
            }
            // clar. 3: stoppedBy
            String stoppedBy = null;
            if (!harm && position < n) {
                Barrier b = p.barriers.get(position);
                if (acts(b)) {
                    Ev last = null;
                    for (Ev e : evs) {
                        if (b.id().equals(e.barrierId)) {
                            last = e; // evs sorted: the last one wins
                        }
                    }
                    if (last != null && last.kind.equals(EV_HOLD)) {
                        stoppedBy = b.id();
                    }
                }
            }
            // clar. 4: margin
            int margin = 0;
            for (int i = position; i < n; i++) {
                Barrier b = p.barriers.get(i);
                if (acts(b) && barrierState(s, b.id()).equals("IN_SERVICE")) {
                    margin++;
                }
            }
            // clar. 5: outcome
            String outcome;
            if (position == n || harm) {
                outcome = "FULL_FAILURE";
            } else if (position >= p.t) {
                outcome = "TOP_EVENT";
            } else if (stoppedBy != null) {
                outcome = "NEAR_MISS";
            } else {
                outcome = "UNDETERMINED";
            }
            touched.add(new PathResult(
                    p.threat == null ? null : p.threat.id(),
                    p.consequence == null ? null : p.consequence.id(),
                    position,
                    n,
                    margin,
                    outcome,
                    stoppedBy));
            nothingPassed.add(position == 0 && p.t > 0 && !harm);
            List<String> seen = new ArrayList<>();
            for (Ev e : evs) {
                if (!e.kind.equals(EV_HARM) && indexOn(p, e.barrierId) >= 0 && !seen.contains(e.barrierId)) {
                    seen.add(e.barrierId);
                }
            }
            evidenced.add(seen.size());
        }

        // clar. 6: worst path; paths where nothing was passed are left out if any other touched path exists
        boolean anyOther = false;
        for (Boolean np : nothingPassed) {
            if (!np) {
                anyOther = true;
            }
        }
        PathResult worst = null;
        int worstEvidenced = 0;
        for (int i = 0; i < touched.size(); i++) {
            if (anyOther && nothingPassed.get(i)) {
                continue;
            }
            PathResult p = touched.get(i);
            if (worst == null
                    || rank(p.outcome()) > rank(worst.outcome())
                    || (rank(p.outcome()) == rank(worst.outcome()) && p.margin() < worst.margin())
                    || (rank(p.outcome()) == rank(worst.outcome())
                            && p.margin() == worst.margin()
                            && evidenced.get(i) > worstEvidenced)) {
                worst = p; // strict comparisons keep the earlier path on a full tie
                worstEvidenced = evidenced.get(i);
            }
        }

        // clar. 7: breachedBarriers, ordered by their first failure, each once
        List<String> breached = new ArrayList<>();
        for (Ev e : evs) {
            if (e.kind.equals(EV_FAIL) && !breached.contains(e.barrierId)) {
                breached.add(e.barrierId);
            }
        }

        List<String> reportIds = new ArrayList<>();
        for (Rep r : inc.reports) {
            reportIds.add(r.in.id()); // appended when correlated, i.e. in arrival order
        }

        String outcome;
        int margin;
        String stoppedBy;
        int pathLength;
        if (worst != null) {
            outcome = worst.outcome();
            margin = worst.margin();
            stoppedBy = worst.stoppedBy();
            pathLength = worst.length();
        } else {
            // choice: an incident with no touched path left (e.g. after a revision): UNDETERMINED, or FULL_FAILURE
            // if it holds harm
            boolean harm = false;
            for (Ev e : evs) {
                if (e.kind.equals(EV_HARM)) {
                    harm = true;
                }
            }
            outcome = harm ? "FULL_FAILURE" : "UNDETERMINED";
            margin = 0;
            stoppedBy = null;
            pathLength = 0;
        }
        return new IncidentResult(
                inc.number,
                inc.chainId,
                reportIds,
                outcome,
                breached,
                stoppedBy,
                margin,
                pathLength,
                touched,
                List.copyOf(inc.history));
    }

    /** §4 ranking: FULL_FAILURE > TOP_EVENT > UNDETERMINED > NEAR_MISS. */
    private static int rank(String outcome) {
        return switch (outcome) {
            case "FULL_FAILURE" -> 4;
            case "TOP_EVENT" -> 3;
            case "UNDETERMINED" -> 2;
            case "NEAR_MISS" -> 1;
            default -> 0;
        };
    }

    /** clar. 1: threat lines in order, each with the consequence lines in order; lone lines if one side is empty. */
    private static List<PathDef> paths(State s) {
        List<Line> threats = new ArrayList<>();
        List<Line> consequences = new ArrayList<>();
        for (Line l : s.lines) {
            if (l.threat()) {
                threats.add(l);
            } else {
                consequences.add(l);
            }
        }
        List<PathDef> out = new ArrayList<>();
        if (threats.isEmpty()) {
            for (Line c : consequences) {
                PathDef p = new PathDef();
                p.consequence = c;
                p.barriers.addAll(c.barriers());
                p.t = 0;
                out.add(p);
            }
        } else if (consequences.isEmpty()) {
            for (Line t : threats) {
                PathDef p = new PathDef();
                p.threat = t;
                p.barriers.addAll(t.barriers());
                p.t = t.barriers().size();
                out.add(p);
            }
        } else {
            for (Line t : threats) {
                for (Line c : consequences) {
                    PathDef p = new PathDef();
                    p.threat = t;
                    p.consequence = c;
                    p.barriers.addAll(t.barriers());
                    p.barriers.addAll(c.barriers());
                    p.t = t.barriers().size();
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static int indexOn(PathDef p, String barrierId) {
        for (int i = 0; i < p.barriers.size(); i++) {
            if (p.barriers.get(i).id().equals(barrierId)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------------------
    // barrier state (clar. 11), recomputed from scratch
    // ------------------------------------------------------------------------------------------------------------

    private static final class StateEvent {
        Instant at;
        int arrival;
        String what; // SET_OUT, CLEAR_BOTH, SET_IMPAIRED
    }

    private static String barrierState(State s, String barrierId) {
        Line line = lineOf(s, barrierId);
        boolean consequence = line != null && !line.threat();
        List<StateEvent> events = new ArrayList<>();
        for (Rep r : s.accepted) {
            if (!barrierId.equals(r.barrierId)) {
                continue;
            }
            String t = r.in.type();
            String what = null;
            if (r.in.test()) {
                if (t.equals(BREACHED) || t.equals(SD_FAILED)) {
                    what = "SET_IMPAIRED"; // a failed proof test of any barrier
                }
            } else if (t.equals(DEGRADED)) {
                what = "SET_OUT";
            } else if (t.equals(RESTORED)) {
                what = "CLEAR_BOTH";
            } else if ((t.equals(BREACHED) || t.equals(SD_FAILED)) && consequence) {
                what = "SET_IMPAIRED"; // a failure of a consequence-line barrier
            }
            if (what != null) {
                StateEvent e = new StateEvent();
                e.at = r.in.occurredAt();
                e.arrival = r.arrival;
                e.what = what;
                events.add(e);
            }
        }
        for (Synth f : s.allSynths) {
            if (barrierId.equals(f.barrierId) && consequence) {
                StateEvent e = new StateEvent(); // off-switch failure by activity after shutdown
                e.at = f.at;
                e.arrival = f.arrival;
                e.what = "SET_IMPAIRED";
                events.add(e);
            }
        }
        for (OperatorRestore o : s.restores) {
            if (barrierId.equals(o.barrierId)) {
                StateEvent e = new StateEvent(); // an operator restore clears both at its time
                e.at = o.at;
                e.arrival = o.arrival;
                e.what = "CLEAR_BOTH";
                events.add(e);
            }
        }
        // fold in (occurredAt, arrival) order: a set beats an earlier clear and vice versa
        List<StateEvent> sorted = new ArrayList<>();
        for (StateEvent e : events) {
            int pos = sorted.size();
            while (pos > 0 && before(e.at, e.arrival, sorted.get(pos - 1).at, sorted.get(pos - 1).arrival)) {
                pos--;
            }
            sorted.add(pos, e);
        }
        boolean out = false;
        boolean impaired = false;
        for (StateEvent e : sorted) {
            if (e.what.equals("SET_OUT")) {
                out = true;
            } else if (e.what.equals("SET_IMPAIRED")) {
                impaired = true;
            } else {
                out = false;
                impaired = false;
            }
        }
        if (out) {
            return "DEGRADED";
        }
        if (impaired) {
            return "IMPAIRED";
        }
        return "IN_SERVICE";
    }

    // ------------------------------------------------------------------------------------------------------------
    // counts (clar. 14, 16), recomputed from scratch
    // ------------------------------------------------------------------------------------------------------------

    private static Map<String, int[]> demands(State s) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Rep r : s.accepted) {
            if (r.in.test() || r.barrierId == null) {
                continue;
            }
            String t = r.in.type();
            int held = 0;
            int failed = 0;
            if (t.equals(TRIPPED) || t.equals(ANOMALY)) {
                held = 1;
            } else if (t.equals(BREACHED) || t.equals(SD_FAILED)) {
                failed = 1;
            } else if (t.equals(SD_COMPLETED)) {
                if (r.defeated) {
                    failed = 1;
                } else {
                    held = 1;
                }
            }
            if (held + failed > 0) {
                int[] c = m.computeIfAbsent(r.barrierId, k -> new int[2]);
                c[0] += held;
                c[1] += failed;
            }
        }
        return m;
    }

    private static Map<String, int[]> proofTests(State s) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Rep r : s.accepted) {
            if (!r.in.test() || r.barrierId == null) {
                continue;
            }
            String t = r.in.type();
            int passed = 0;
            int failed = 0;
            if (t.equals(TRIPPED) || t.equals(ANOMALY) || t.equals(SD_COMPLETED)) {
                passed = 1;
            } else if (t.equals(BREACHED) || t.equals(SD_FAILED)) {
                failed = 1;
            }
            if (passed + failed > 0) {
                int[] c = m.computeIfAbsent(r.barrierId, k -> new int[2]);
                c[0] += passed;
                c[1] += failed;
            }
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------------------
    // bow-tie look-ups (current bow-tie)
    // ------------------------------------------------------------------------------------------------------------

    private static Barrier findBarrier(State s, String barrierId) {
        if (barrierId == null) {
            return null;
        }
        for (Line l : s.lines) {
            for (Barrier b : l.barriers()) {
                if (b.id().equals(barrierId)) {
                    return b;
                }
            }
        }
        return null;
    }

    private static Line lineOf(State s, String barrierId) {
        if (barrierId == null) {
            return null;
        }
        for (Line l : s.lines) {
            for (Barrier b : l.barriers()) {
                if (b.id().equals(barrierId)) {
                    return l;
                }
            }
        }
        return null;
    }

    private static Line findLine(State s, String lineId) {
        for (Line l : s.lines) {
            if (l.id().equals(lineId)) {
                return l;
            }
        }
        return null;
    }

    /** The first OFF_SWITCH barrier in bow-tie order (lines in order, barriers in order), or null. */
    private static String firstOffSwitch(State s) {
        for (Line l : s.lines) {
            for (Barrier b : l.barriers()) {
                if ("OFF_SWITCH".equals(b.category())) {
                    return b.id();
                }
            }
        }
        return null;
    }

    /** §2 / clar. 2: detection categories detect, every other category acts; explicit acts overrides. */
    private static boolean acts(Barrier b) {
        if (b.acts() != null) {
            return b.acts();
        }
        String c = b.category();
        return !(c.equals("ANOMALY_MONITORING") || c.equals("INTERPRETABILITY") || c.equals("POWER_SEEKING_DETECTION"));
    }

    /** (a, ai) strictly before (b, bi): occurrence, ties by arrival. */
    private static boolean before(Instant a, int ai, Instant b, int bi) {
        if (a.isBefore(b)) {
            return true;
        }
        return a.equals(b) && ai < bi;
    }
}
