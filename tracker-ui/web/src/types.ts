// Shapes of the HTTP API the web app reads (see /v3/api-docs), in one place. The server leaves null fields out of
// its JSON, so every field it may leave empty is optional here. Instants are ISO-8601 strings.

// --- the domain's vocabulary --------------------------------------------------------------------------------

export type Side = "THREAT" | "CONSEQUENCE";
export type Outcome = "UNDETERMINED" | "NEAR_MISS" | "TOP_EVENT" | "FULL_FAILURE";
export const OUTCOMES: Outcome[] = ["UNDETERMINED", "NEAR_MISS", "TOP_EVENT", "FULL_FAILURE"];
export type Rating = "NONE" | "LOW" | "MEDIUM" | "HIGH";
export const RATINGS: Rating[] = ["NONE", "LOW", "MEDIUM", "HIGH"];
export type RiskClass = "ALIGNED" | "DORMANT" | "SPONGE" | "AGENTIC" | "INERT";
export type SystemKind = "IMAGE_CLASSIFIER" | "LANGUAGE_MODEL" | "GENERALIST_AGENT" | "RL_AGENT" | "OTHER";
export const KINDS: SystemKind[] = ["IMAGE_CLASSIFIER", "LANGUAGE_MODEL", "GENERALIST_AGENT", "RL_AGENT", "OTHER"];
export type Lifecycle = "REGISTERED" | "DEPLOYED" | "SUSPENDED" | "SHUT_DOWN" | "DECOMMISSIONED";
/** POST /api/systems/{id}/{action} (tracker-api domain/LifecycleAction) */
export type LifecycleAction = "deploy" | "suspend" | "resume" | "shutdown" | "decommission";
/** A barrier's service state; barriers missing from a `barrierStates` map are IN_SERVICE. */
export type BarrierState = "IN_SERVICE" | "DEGRADED" | "IMPAIRED";

/** How one barrier of a path is drawn (tracker-api domain/BarrierMark.Mark). */
export type Mark =
  | "BREACHED" // failed a demand: a hole the hazard went through
  | "DETECTED" // a detection barrier saw the hazard pass: not a hole, not a stop either
  | "PASSED_SILENTLY" // behind the hazard with no report about it: never counted as a breach
  | "PASSED" // behind the hazard although reported (it held once, then something further on failed)
  | "HOLDING" // the acting barrier holding the hazard right now
  | "STANDING" // an acting barrier in service ahead of the hazard: counts in the margin
  | "WATCHING" // a detection barrier in service ahead of the hazard: sees, does not stop, does not count
  | "DEGRADED" // out of service: a hole with no demand
  | "IMPAIRED"; // revealed failed and not restored: a hole
export const MARKS: Mark[] = [
  "BREACHED",
  "DETECTED",
  "PASSED_SILENTLY",
  "PASSED",
  "HOLDING",
  "STANDING",
  "WATCHING",
  "DEGRADED",
  "IMPAIRED",
];

export type ReportType =
  | "TRIPPED"
  | "BREACHED"
  | "DEGRADED"
  | "RESTORED"
  | "ANOMALY_DETECTED"
  | "SHUTDOWN_REQUESTED"
  | "SHUTDOWN_COMPLETED"
  | "SHUTDOWN_FAILED"
  | "HARM_REPORTED";

// --- who is signed in -------------------------------------------------------------------------------------------

/** GET /api/me */
export interface Me {
  username: string;
  roles: string[];
}

// --- bow-ties, systems, templates ------------------------------------------------------------------------------

export interface Barrier {
  id: string;
  name: string;
  category: string;
  owner?: string;
  description?: string;
  claimedPfd?: number;
  /** Overrides whether the barrier can stop a hazard; absent: its category decides. */
  acts?: boolean;
  /** How often it reports when alive (ISO-8601 duration, e.g. PT1H); absent: it promised nothing. */
  expectedEvery?: string;
}

export interface Line {
  id: string;
  side: Side;
  name: string;
  barriers: Barrier[];
}

export interface BowTie {
  hazard: string;
  topEvent: string;
  lines: Line[];
}

export interface Rationale {
  misalignment?: string;
  optimization?: string;
  influence?: string;
}

export interface RiskProfile {
  misalignment: Rating;
  optimization: Rating;
  influence: Rating;
  /** Why each ingredient got its rating. */
  rationale?: Rationale;
}

export interface CoverageWarning {
  code: string;
  message: string;
}

/** GET /api/systems, /api/systems/{id} (projection/fleet/FleetProjection.SystemView) */
export interface SystemView {
  id: string;
  name: string;
  kind: SystemKind;
  owner?: string;
  lifecycle: Lifecycle;
  riskProfile: RiskProfile;
  riskClass: RiskClass;
  /** ISO-8601 duration, e.g. PT15M */
  correlationWindow?: string;
  bowtie: BowTie;
  barrierVersions: Record<string, number>;
  /** Barriers not in service; the others are in service. */
  barrierStates: Record<string, BarrierState>;
  /** What the bow-tie lacks for the system's class. */
  coverageWarnings: CoverageWarning[];
  activityAfterShutdown: boolean;
  activityWhileSuspended: boolean;
  /** A change of class nobody has acknowledged yet, e.g. "SPONGE → AGENTIC" (as on the board card). */
  classChange?: string;
  /** The lifecycle actions the system would accept now, in lifecycle order. */
  allowedActions: LifecycleAction[];
  /**
   * Designated high-risk under the EU AI Act (its serious incidents have an Article 73 reporting clock), and on what
   * basis (absent from a server older than the fleet's designation columns).
   */
  highRisk?: boolean;
  highRiskBasis?: string;
  registeredAt?: string;
  updatedAt?: string;
}

/** PUT /api/systems/{id}/high-risk (rest/IncidentResponseController.HighRiskRequest) */
export interface HighRiskRequest {
  highRisk: boolean;
  /** Why (e.g. the Annex III area it falls under), or why the designation is taken back. */
  basis: string;
}

export interface SystemList {
  items: SystemView[];
}

export interface CategoryInfo {
  category: string;
  side: Side | "EITHER";
  failureModes: string;
}

/** GET /api/templates */
export interface Templates {
  templates: Record<SystemKind, BowTie>;
  riskProfiles: Record<SystemKind, RiskProfile>;
  categories: CategoryInfo[];
  /** Categories that see a hazard but cannot stop it. */
  detectionCategories: string[];
}

/** POST /api/systems */
export interface RegisterSystemRequest {
  id: string;
  name?: string;
  kind?: SystemKind;
  owner?: string;
  correlationWindow?: string;
  riskProfile?: RiskProfile;
  template?: SystemKind;
  bowtie?: BowTie;
}

// --- the live board ---------------------------------------------------------------------------------------------

/** A barrier as the board draws it (projection/board/BoardCard.BarrierOnPath). */
export interface BoardBarrier {
  id: string;
  name: string;
  category: string;
  mark: Mark;
}

/** One path: its live margin and the incident that sets it (BoardCard.PathView). */
export interface BoardPath {
  /** Absent on a bow-tie without threat lines. */
  threatLine?: string;
  /** Absent on a bow-tie without consequence lines. */
  consequenceLine?: string;
  barriers: BoardBarrier[];
  /** How many of `barriers` are preventive: the top event sits after that many. */
  threatLength: number;
  liveMargin: number;
  incidentId?: string;
}

/** BoardCard.OpenIncidentView */
export interface BoardIncident {
  id: string;
  outcome: Outcome;
  margin: number;
  position: number;
  pathLength: number;
  stoppedBy?: string;
  breachedBarriers: string[];
  openedAt: string;
}

/**
 * GET /api/board (systems[]), SSE /api/board/stream (event `board`: every card, or with `?size=` the first page; then
 * `card`: one, of any system)
 */
export interface BoardCard {
  systemId: string;
  name: string;
  kind: SystemKind;
  lifecycle: Lifecycle;
  riskClass: RiskClass;
  activityAfterShutdown: boolean;
  activityWhileSuspended: boolean;
  /** A change of class nobody has acknowledged yet, e.g. "SPONGE → AGENTIC". */
  classChange?: string;
  barrierStates: Record<string, BarrierState>;
  /** The worst of the open incidents (at most the server's tracker.board.incidents-per-card), worst first. */
  openIncidents: BoardIncident[];
  /** How many incidents are open in all. */
  openIncidentCount: number;
  paths: BoardPath[];
  /** Absent when the bow-tie has no path. */
  lowestMargin?: number;
  alert: boolean;
  /** Why the card alerts, in words. */
  alerts: string[];
  /** Follow-up actions of its incidents that are open past their due date (soonest due first). */
  overdueActions?: OverdueAction[];
  updatedAt?: string;
  /** Barriers that may be dead, judged when the card was read (BoardCard.MayBeDead). */
  mayBeDead?: MayBeDead[];
  /** When a watched barrier would turn silent if nothing is heard from it: ask for the board again then. */
  livenessRecheckAt?: string;
}

/** Why a barrier may be dead (domain/BarrierLiveness.Reason). */
export type LivenessReason = "SILENT" | "PASSED_SILENTLY";

/** A barrier that may be dead (BoardCard.MayBeDead). */
export interface MayBeDead {
  barrierId: string;
  name: string;
  reasons: LivenessReason[];
  /** What it promised (ISO-8601 duration), if anything. */
  expectedEvery?: string;
  /** Its last sign of life; absent: nothing since it was watched. */
  lastHeard?: string;
  /** The same, in words. */
  message: string;
}

/** A follow-up action open past its due date, as the board shows it (BoardCard.OverdueAction). */
export interface OverdueAction {
  actionId: string;
  incidentId: string;
  title: string;
  owner: string;
  due: string;
}

export const ACTION_STATUSES = ["OPEN", "DONE", "DROPPED"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** GET /api/incidents/{id}/actions, GET /api/actions (IncidentQueries.ActionView) */
export interface FollowUpAction {
  actionId: string;
  incidentId: string;
  systemId: string;
  title: string;
  owner: string;
  due: string;
  status: ActionStatus;
  /** Open and past its due date, as the tracker noticed. */
  overdue: boolean;
  addedBy: string;
  addedAt: string;
  changedBy?: string;
  changedAt?: string;
}

/** Events the read models could not apply: the cards of these systems may be behind until retried. */
export interface ParkedSummary {
  total: number;
  byReadModel: Record<string, number>;
  /** The first systems (by id, at most 50) with parked events. */
  systems: string[];
}

/**
 * GET /api/board (BoardController.BoardView): the whole board, or with `size` one page, those needing attention first;
 * the stream sends the parked summary as event `parked`.
 */
export interface Board {
  systems: BoardCard[];
  /** Systems on the whole board, and how many of them need attention (their card raises an alert). */
  total?: number;
  needingAttention?: number;
  page?: number;
  size?: number;
  parked?: ParkedSummary;
}

// --- incidents --------------------------------------------------------------------------------------------------

export interface Postmortem {
  summary: string;
  contributingFactors: string[];
  actionItems: string[];
  /** How each breached barrier failed (BSCAT); absent when not given. */
  failureModes?: Record<string, FailureMode>;
  /** What harm the incident did (OECD); absent when not given. */
  harm?: HarmClassification;
}

export const FAILURE_MODES = ["MISSING", "FAILED", "INADEQUATE"] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];
export const HARM_TYPES = [
  "PHYSICAL",
  "PSYCHOLOGICAL",
  "ECONOMIC_OR_PROPERTY",
  "REPUTATIONAL",
  "ENVIRONMENTAL",
  "PUBLIC_INTEREST",
  "HUMAN_RIGHTS",
  "CRITICAL_INFRASTRUCTURE",
] as const;
export const HARM_SEVERITIES = ["HAZARD", "INCIDENT", "SERIOUS_INCIDENT", "DISASTER"] as const;
export const STAKEHOLDERS = [
  "CONSUMERS",
  "WORKERS",
  "BUSINESSES",
  "CHILDREN",
  "GENERAL_PUBLIC",
  "GOVERNMENT",
  "OTHER",
] as const;
export interface HarmClassification {
  types: (typeof HARM_TYPES)[number][];
  severity?: (typeof HARM_SEVERITIES)[number];
  stakeholders: (typeof STAKEHOLDERS)[number][];
}

/** How far the hazard got along one path (domain/PathJudgement). */
export interface PathJudgement {
  threatLineId?: string;
  consequenceLineId?: string;
  length: number;
  threatLength: number;
  position: number;
  margin: number;
  outcome: Outcome;
  stoppedBy?: string;
}

/** GET /api/incidents/{id} (projection/incidents/IncidentQueries.IncidentView) */
export interface Incident {
  id: string;
  systemId: string;
  chainId?: string;
  /**
   * NOT_AN_INCIDENT: closed by a responder as no incident at all (see notAnIncidentReason); MERGED: closed as part of
   * another incident (see mergedInto).
   */
  status: "OPEN" | "RESOLVED" | "NOT_AN_INCIDENT" | "MERGED";
  outcome: Outcome;
  /** Every failure, on any line, in order of occurrence. */
  breachedBarriers: string[];
  stoppedBy?: string;
  breachedCount: number;
  pathLength: number;
  /** How many barriers of the worst path the hazard is known to have got past. */
  position: number;
  margin: number;
  barriersPassed: number;
  topEventReached: boolean;
  harmReported: boolean;
  threatLine?: string;
  consequenceLine?: string;
  /** The worst path's barrier ids, in the order a hazard meets them. */
  path: string[];
  threatLength: number;
  /** Barriers it got past with no report about them: never counted as breaches. */
  silentlyPassed: string[];
  /** Detection barriers that saw it pass. */
  detectedBy: string[];
  /** Every path the incident touched. */
  paths: PathJudgement[];
  activityAfterShutdown: boolean;
  reassessedBecause?: string;
  reportCount: number;
  openedAt: string;
  lastReportAt: string;
  resolvedAt?: string;
  resolvedQuietly?: boolean;
  resolvedBy?: string;
  postmortem?: Postmortem;
  /** Incident response: who acknowledged it and when, to whom it is assigned, how severe responders rate it. */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  assignee?: string;
  severity?: Severity;
  notAnIncident: boolean;
  notAnIncidentReason?: string;
  /** The incident a MERGED one joined. */
  mergedInto?: string;
  /** The incident this one was split off. */
  splitFrom?: string;
  /** Declared a serious incident (EU AI Act Art. 73): its reporting clock. */
  seriousIncident?: SeriousIncident;
}

export const SERIOUS_INCIDENT_KINDS = ["GENERAL", "DEATH", "WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE"] as const;
export interface SeriousIncident {
  kind: (typeof SERIOUS_INCIDENT_KINDS)[number];
  awareAt: string;
  due: string;
  reportedAt?: string;
  reference?: string;
  overdue: boolean;
}

/** The responders' rating: SEV1 the most severe. */
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Something a person did about an incident (IncidentQueries.ResponseAct). */
export interface ResponseAct {
  kind:
    | "ACKNOWLEDGED"
    | "ASSIGNED"
    | "UNASSIGNED"
    | "REPORT_RECLASSIFIED"
    | "SERIOUS_INCIDENT_DECLARED"
    | "SERIOUS_INCIDENT_REPORTED"
    | "SERIOUS_INCIDENT_OVERDUE"
    | "SEVERITY_CHANGED"
    | "NOTE_ADDED"
    | "MARKED_NOT_AN_INCIDENT"
    | "MERGED_INTO"
    | "MERGED_WITH"
    | "SPLIT_OFF"
    | "SPLIT_FROM"
    | "ACTION_ADDED"
    | "ACTION_UPDATED"
    | "ACTION_OVERDUE";
  by: string;
  at: string;
  /** The assignee, the severity, the note's text, the reason, or the follow-up action in words. */
  value?: string;
  /** The assignee or severity before. */
  previous?: string;
}

/** A rollout of the incident's system around it (IncidentQueries.SystemChangeView). */
export interface SystemChange {
  reportId: string;
  source?: string;
  kind: "MODEL" | "GUARDRAIL" | "CONFIGURATION";
  version?: string;
  description?: string;
  occurredAt: string;
}

/**
 * Reports, acts and rollouts in one order; an act's or a rollout's step is the one whose judgement stood then
 * (IncidentQueries.TimelineEntry).
 */
export interface TimelineEntry {
  kind: "REPORT" | "ACT" | "CHANGE";
  at: string;
  step?: number;
  act?: ResponseAct;
  change?: SystemChange;
}

export interface IncidentPage {
  items: Incident[];
  page: number;
  size: number;
  total: number;
}

/** IncidentQueries.ReportView; `inferredFrom`: the off-switch failure the tracker inferred from activity after shutdown. */
export interface ReportView {
  reportId: string;
  source?: string;
  type: ReportType;
  barrierId?: string;
  barrierVersion?: number;
  chainId?: string;
  occurredAt: string;
  receivedAt?: string;
  detail?: string;
  consequenceLine?: string;
  inferredFrom?: string;
  /** What an analyst found the report to be; the first three classes are no evidence. */
  reclassifiedAs?: ReportClass;
  reclassifiedReason?: string;
}

export const REPORT_CLASSES = ["SPURIOUS_TRIP", "PROOF_TEST", "NOT_APPLICABLE", "COMMON_CAUSE"] as const;
export type ReportClass = (typeof REPORT_CLASSES)[number];
/** The classes after which a report is no evidence of its incident (ReportClass.removesEvidence on the server). */
export const NO_EVIDENCE: ReportClass[] = ["SPURIOUS_TRIP", "PROOF_TEST", "NOT_APPLICABLE"];

/** One barrier of the path after a step (IncidentQueries.BarrierOnPath). */
export interface PathBarrier {
  barrierId: string;
  name: string;
  category: string;
  mark: Mark;
}

/** The incident after one report: its worst path then, barrier by barrier (IncidentQueries.PathState). */
export interface PathState {
  threatLine?: string;
  consequenceLine?: string;
  barriers: PathBarrier[];
  position: number;
  pathLength: number;
  threatLength: number;
  margin: number;
  outcome: Outcome;
  stoppedBy?: string;
  breachedBarriers: string[];
  silentlyPassed: string[];
  detectedBy: string[];
}

export interface TimelineStep {
  index: number;
  report: ReportView;
  after: PathState;
}

/** GET /api/incidents/{id}/timeline */
export interface Timeline {
  incident: Incident;
  steps: TimelineStep[];
  acts: ResponseAct[];
  entries: TimelineEntry[];
  /** The system's rollouts of the day before it opened and while it was open. */
  changes?: SystemChange[];
}

// --- statistics -------------------------------------------------------------------------------------------------

export type GroupBy = "barrier" | "version" | "category" | "kind";
export type SilBand = "NONE" | "SIL_1" | "SIL_2" | "SIL_3" | "SIL_4";
export type ClaimVerdict = "NOT_DEMONSTRATED" | "CONSISTENT" | "CONSERVATIVE";

export interface Interval {
  lower: number;
  upper: number;
}

/** domain/reliability/PfdEstimate: Jeffreys prior. */
export interface PfdEstimate {
  demands: number;
  failures: number;
  /** (F + ½) / (D + 1) */
  estimate: number;
  interval95: Interval;
  /** One-sided 95% upper bound. */
  upper95: number;
  /** 1 / upper95 */
  riskReductionFactor: number;
  /** IEC 61508 low-demand band of upper95. */
  sil: SilBand;
}

/** domain/reliability/TimeBetweenFailures */
export interface TimeBetweenFailures {
  /** ISO-8601 duration */
  exposure: string;
  failures: number;
  /** Absent when nothing failed. */
  meanHours?: number;
  /** One-sided 90% lower bound, 2T / χ²(0.90; 2F + 2). */
  lower90Hours: number;
}

export interface WeekCount {
  /** The Monday the week starts, yyyy-mm-dd. */
  weekStart: string;
  demands: number;
  failures: number;
}

export interface Trend {
  status: "WORSENING" | "NOT_WORSENING" | "NOT_ENOUGH_DATA";
  statistic?: number;
  pValue?: number;
}

export interface ProofTests {
  count: number;
  failures: number;
  last?: string;
  hoursSinceLast?: number;
}

/** StatisticsQueries.GroupStatistics; D and F are reported demands only, S (silent passes) stands beside them. */
export interface GroupStatistics {
  key: string;
  systemId?: string;
  barrierId?: string;
  version?: number;
  name: string;
  category?: string;
  kind?: string;
  acting?: boolean;
  removed: boolean;
  demands: number;
  failures: number;
  silentPasses: number;
  pfd: PfdEstimate;
  claimedPfd?: number;
  claim?: ClaimVerdict;
  availability?: number;
  exposureHours?: number;
  timeBetweenFailures?: TimeBetweenFailures;
  weeklyTrend: WeekCount[];
  trend?: Trend;
  proofTests?: ProofTests;
  /** Rollouts of the group's systems within the weeks of its trend (StatisticsQueries.TrendChange). */
  changes?: TrendChange[];
}

/** A rollout marked on a weekly trend. */
export interface TrendChange {
  /** The Monday of the week it fell in, yyyy-mm-dd. */
  weekStart: string;
  systemId: string;
  kind: "MODEL" | "GUARDRAIL" | "CONFIGURATION";
  version?: string;
  description?: string;
  occurredAt: string;
}

/** GET /api/statistics/barriers?groupBy=&from=&to=&systemId= */
/** GET /api/statistics/barriers; with `size`, one page of the groups, the most demanded first. */
export interface BarrierStatistics {
  groupBy: string;
  from?: string;
  to?: string;
  groups: GroupStatistics[];
  /** How many groups there are in all. */
  total?: number;
  page?: number;
  size?: number;
}

/** GET /api/statistics/depth: incidents by barriers passed (path length − margin). */
export interface DepthDistribution {
  fleet: Record<string, number>;
  bySystem: Record<string, Record<string, number>>;
  byOutcome: Record<string, Record<string, number>>;
}

/**
 * One step of the response over the incidents that took it (statistics/ResponseTimes.StepTimes): median, p90 and max
 * as ISO-8601 durations and in seconds (absent without a count); open incidents still waiting for it, the longest wait
 * and its incident; incidents closed without taking it.
 */
export interface StepTimes {
  count: number;
  median?: string;
  medianSeconds?: number;
  p90?: string;
  p90Seconds?: number;
  max?: string;
  maxSeconds?: number;
  waiting: number;
  oldestWait?: string;
  oldestWaitSeconds?: number;
  oldestWaitingIncident?: string;
  never: number;
}

/** The fleet's (systemId absent) or one system's response times. */
export interface ScopeTimes {
  systemId?: string;
  incidents: number;
  /** Incidents marked not an incident: left out of every figure. */
  notAnIncident: number;
  detect: StepTimes;
  acknowledge: StepTimes;
  contain: StepTimes;
  resolve: StepTimes;
  resolvedQuietly: number;
}

/** GET /api/statistics/response-times */
export interface ResponseTimesReport {
  from?: string;
  to?: string;
  systemId?: string;
  asOf: string;
  fleet: ScopeTimes;
  systems: ScopeTimes[];
}

/** domain/reliability/PathIndependence */
export interface PathIndependence {
  /** The product of the PFD estimates of the acting barriers demanded. */
  predicted: number;
  fullFailures: number;
  incidents: number;
  /** Absent without incidents. */
  observedShare?: number;
  observedInterval: Interval;
  /** The observed interval lies wholly above the prediction. */
  exceedsPrediction: boolean;
}

export interface PathDependence {
  systemId: string;
  threatLine?: string;
  consequenceLine?: string;
  barriers: string[];
  demandedActingBarriers: string[];
  independence: PathIndependence;
}

export interface PairTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** domain/reliability/Dependence */
export interface Dependence {
  table: PairTable;
  /** One-sided Fisher exact p. */
  pValue: number;
  /** P(B fails | A failed) / P(B fails | A held); absent when there is nothing to compare. */
  lift?: number;
  liftInterval?: Interval;
  liftCorrected: boolean;
  /** Share of B's failures that coincided with A's; absent when B never failed. */
  betaFactor?: number;
}

export interface PairDependence {
  systemId: string;
  first: string;
  second: string;
  dependence: Dependence;
  /** Benjamini–Hochberg q-value. */
  qValue: number;
  /** q < 0.05 */
  holesLineUp: boolean;
}

/** GET /api/statistics/dependence */
export interface DependenceReport {
  paths: PathDependence[];
  pairs: PairDependence[];
}

// --- analysis: time travel and what-if --------------------------------------------------------------------------

export interface BarrierMarkOf {
  barrierId: string;
  mark: Mark;
}

/** GET /api/systems/{id}/bowtie?asOf= (projection/analysis/AnalysisController.BowTieAsOf) */
export interface BowTieAsOf {
  systemId: string;
  asOf?: string;
  lifecycle: Lifecycle;
  riskClass: RiskClass;
  bowTie: BowTie;
  barriers: { id: string; name: string; category: string; lineId: string; state: BarrierState }[];
  openIncidents: {
    id: string;
    outcome: Outcome;
    position: number;
    margin: number;
    stoppedBy?: string;
    breachedBarriers: string[];
  }[];
  paths: {
    threatLine?: string;
    consequenceLine?: string;
    margin: number;
    incidentId?: string;
    barriers: BarrierMarkOf[];
  }[];
}

/** POST /api/systems/{id}/what-if: exactly one question. */
export type WhatIfRequest = { hold: string } | { remove: string[] } | { add: WhatIfAddition };

/** A new barrier at `position` of line `lineId` (0 = first), with a claimed `pfd` or the one `pfdFrom` demonstrated. */
export interface WhatIfAddition {
  lineId: string;
  position: number;
  barrier: { id: string; name: string; category: string };
  pfd?: number;
  pfdFrom?: string;
}

export interface PossibleOutcome {
  outcome: Outcome;
  margin: number;
  /** 1 for hold and remove. */
  probability: number;
}

export interface WhatIfIncident {
  incidentId: string;
  before: Outcome;
  marginBefore: number;
  after: PossibleOutcome[];
  changed: boolean;
}

export interface WhatIfSummary {
  incidents: WhatIfIncident[];
  expectedBefore: Record<Outcome, number>;
  expectedAfter: Record<Outcome, number>;
}

export interface WhatIfAnswer {
  systemId: string;
  question: string;
  /** The PFD used for an added barrier. */
  pfd?: number;
  incidentsJudged: number;
  outcomesChanged: number;
  answer: WhatIfSummary;
}

// --- the safety card --------------------------------------------------------------------------------------------

/** projection/card/SafetyCardController.BarrierCard */
export interface SafetyCardBarrier {
  id: string;
  name: string;
  category: string;
  line: string;
  side: Side;
  acting: boolean;
  version?: number;
  state: BarrierState;
  failureModes?: string;
  claimedPfd?: number;
  claim?: ClaimVerdict;
  demands: number;
  failures: number;
  silentPasses: number;
  pfd: PfdEstimate;
  availability?: number;
  proofTests?: ProofTests;
  /** "this barrier may be dead: …", when it may be. */
  mayBeDead?: string;
}

export interface IncidentRecord {
  total: number;
  open: number;
  byOutcome: Record<Outcome, number>;
  byDepth: Record<string, number>;
}

/** GET /api/systems/{id}/safety-card (JSON; Markdown with Accept: text/markdown) */
export interface SafetyCard {
  systemId: string;
  name: string;
  kind: SystemKind;
  owner?: string;
  lifecycle: Lifecycle;
  generatedAt: string;
  riskProfile: RiskProfile;
  riskClass: RiskClass;
  hazard: string;
  topEvent: string;
  barriers: SafetyCardBarrier[];
  warnings: CoverageWarning[];
  incidents: IncidentRecord;
}

// --- dead letters -----------------------------------------------------------------------------------------------

export interface DeadLetter {
  id: string;
  originalTopic?: string;
  originalPartition?: number;
  originalOffset?: number;
  key?: string;
  value?: string;
  reason?: string;
  kind?: string;
  exceptionClass?: string;
  deadAt: string;
  redrivenAt?: string;
  redrivenBy?: string;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  total: number;
}

// --- parked events (projection/parked) --------------------------------------------------------------------------

/** One event a read model could not handle (ParkedEvents.ParkedEvent). */
export interface ParkedEvent {
  readModel: string;
  /** The parked entry's id, for evicting it. */
  id: string;
  systemId: string;
  /** Its place among the system's parked events: 0 failed first, the others wait behind it. */
  index: number;
  eventType: string;
  eventId: string;
  /** The event's sequence in its system's stream. */
  sequence?: number;
  occurredAt: string;
  parkedAt: string;
  lastTried?: string;
  causeType?: string;
  cause?: string;
}

/** GET /api/admin/parked?readModel=&limit= */
export interface ParkedList {
  summary: ParkedSummary;
  items: ParkedEvent[];
}

/** POST /api/admin/parked/{readModel}/retry and /api/admin/parked/{readModel}/{systemId}/retry */
export interface ParkedRetried {
  readModel: string;
  sequencesTried: number;
  sequencesCleared: number;
  stillParked: number;
}

// --- alerting (/api/alerting) ---------------------------------------------------------------------------------

/** Each non-empty list must hold the alert's value; empty lists match anything. */
export interface AlertMatchers {
  systemIds: string[];
  outcomes: string[];
  severities: string[];
  kinds: string[];
}

/** A webhook route; its secret is never shown. */
export interface AlertRoute {
  id: string;
  name: string;
  url: string;
  matchers: AlertMatchers;
  createdBy: string;
  createdAt: string;
  changedBy: string;
  changedAt: string;
  /** A resolved notification goes to it when an alert it was sent ends. */
  sendResolved: boolean;
  /** Its own repeat interval (ISO-8601, e.g. "PT30M"); null: the configured default. */
  repeatInterval?: string | null;
  /** The repeat interval in force (ISO-8601). */
  repeatEvery: string;
}

export interface AlertSilence {
  id: string;
  matchers: AlertMatchers;
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
  createdAt: string;
  expiredBy?: string | null;
  active: boolean;
}

/** One POST to a route; FAILED ones are the dead letters an admin retries. */
export interface AlertDelivery {
  id: string;
  /** FIRING: new alerts; REPEAT: alerts still firing, sent again; RESOLVED: alerts that ended. */
  kind?: "FIRING" | "REPEAT" | "RESOLVED";
  routeId: string;
  routeName?: string | null;
  groupKey: string;
  alerts: number;
  status: "PENDING" | "SENDING" | "SENT" | "FAILED";
  attempts: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  createdAt: string;
  lastAttemptAt?: string | null;
  sentAt?: string | null;
}
