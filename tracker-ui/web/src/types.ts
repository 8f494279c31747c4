// Shapes of the HTTP API the web app reads (see /v3/api-docs).

export type Side = "THREAT" | "CONSEQUENCE";
export type Outcome = "UNDETERMINED" | "NEAR_MISS" | "TOP_EVENT" | "FULL_FAILURE";
export type BarrierStateName = "INTACT" | "HELD" | "BREACHED" | "DEGRADED";

export interface Barrier {
  id: string;
  name: string;
  category: string;
  owner?: string | null;
  description?: string | null;
  claimedPfd?: number | null;
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

export interface RiskProfile {
  misalignment: string;
  optimization: string;
  influence: string;
}

export interface SystemView {
  id: string;
  name: string;
  kind: string;
  owner?: string;
  lifecycle: string;
  riskProfile: RiskProfile;
  riskClass: string;
  bowtie: BowTie;
  degradedBarriers: string[];
  activityAfterShutdown: boolean;
}

export interface Incident {
  id: string;
  systemId: string;
  chainId?: string;
  status: "OPEN" | "RESOLVED";
  outcome: Outcome;
  breachedBarriers: string[];
  stoppedBy?: string;
  breachedCount: number;
  pathLength: number;
  depth: number;
  margin: number;
  threatLine?: string;
  consequenceLine?: string;
  path: string[];
  threatLength: number;
  reportCount: number;
  openedAt: string;
  lastReportAt: string;
  resolvedAt?: string;
  resolvedQuietly?: boolean;
  postmortem?: { summary: string; contributingFactors: string[]; actionItems: string[] };
}

export interface IncidentPage {
  items: Incident[];
  page: number;
  size: number;
  total: number;
}

export interface ReportView {
  reportId: string;
  type: string;
  barrierId?: string;
  chainId?: string;
  occurredAt: string;
  detail?: string;
  inferredFrom?: string;
}

export interface PathState {
  barriers: { barrierId: string; state: BarrierStateName }[];
  breachedCount: number;
  pathLength: number;
  depth: number;
  margin: number;
  outcome: Outcome;
  stoppedBy?: string;
}

export interface Timeline {
  incident: Incident;
  steps: { index: number; report: ReportView; after: PathState }[];
}

export interface BoardBarrier {
  id: string;
  name: string;
  category: string;
  state: "INTACT" | "DEGRADED" | "BREACHED";
}

export interface BoardCard {
  systemId: string;
  name: string;
  kind: string;
  lifecycle: string;
  riskClass: string;
  activityAfterShutdown: boolean;
  degradedBarriers: string[];
  openIncidents: { id: string; outcome: Outcome; margin: number; depth: number; breachedBarriers: string[] }[];
  paths: { threatLine: string; consequenceLine: string; barriers: BoardBarrier[]; liveMargin: number }[];
  lowestMargin: number;
  alert: boolean;
}

export interface GroupStatistics {
  key: string;
  systemId?: string;
  barrierId?: string;
  name: string;
  category?: string;
  kind?: string;
  demands: number;
  failures: number;
  pfd: number;
  pfdLower: number;
  pfdUpper: number;
  riskReductionFactor: number;
  availability?: number | null;
  meanHoursBetweenBreaches?: number | null;
  claimedPfd?: number | null;
  claimOutsideInterval: boolean;
  weeklyTrend: { week: string; demands: number; failures: number }[];
}
