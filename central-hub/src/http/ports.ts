import type {
  AgentDto,
  AlertCalibration,
  AlertQualityRow,
  AuditEntry,
  CentreDto,
  CounterDto,
  CounterTile,
  CounterTuning,
  DepartmentDto,
  HeatmapCell,
  IncidentDto,
  IncidentOutcome,
  LiveEvent,
  OfficialDto,
  Period,
  PersonDto,
  RequestMessage,
  ResponseMessage,
  Role,
  RosterShiftDto,
  SatisfactionSummary,
  TrendPoint,
} from "@hailong/protocol";
import type { Registry } from "prom-client";

/*
 * What the HTTP layer needs from the rest of the hub. buildApp() only sees these interfaces; the
 * composition root (src/app/) adapts storage, ingest, registry, alerts and MQTT to them.
 */

export interface AuthUser {
  personId: string;
  username: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  departmentId: string | null;
  passwordHash: string;
  phone: string | null;
}

export interface UserStore {
  findByUsername(username: string): Promise<AuthUser | undefined>;
  findById(personId: string): Promise<AuthUser | undefined>;
}

export interface SessionRecord {
  id: string;
  personId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  insert(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  delete(id: string): Promise<void>;
}

export interface DirectorySnapshot {
  centres: CentreDto[];
  departments: DepartmentDto[];
  counters: CounterDto[];
  people: PersonDto[];
}

export interface DirectoryReader {
  snapshot(): Promise<DirectorySnapshot>;
}

export interface LiveReader {
  /** Tiles for the given counters (the HTTP layer has already applied the user's scope). */
  tiles(counters: CounterDto[]): Promise<CounterTile[]>;
}

export interface AnalyticsReader {
  /** One point per bucket in [from, to), empty buckets included. */
  trend(counterIds: string[], period: Period, from: number, to: number): Promise<TrendPoint[]>;
  heatmap(counterIds: string[], from: number, to: number): Promise<HeatmapCell[]>;
  perCounter(counterIds: string[], from: number, to: number): Promise<Map<string, SatisfactionSummary>>;
}

/** An incident as stored; the HTTP layer adds counter name, centre and field from the directory. */
export type IncidentRecord = Omit<IncidentDto, "counterName" | "centreId" | "field">;

export interface IncidentFilter {
  counterIds: string[];
  status?: "open" | "acknowledged";
  from?: number;
  to?: number;
  includeTest: boolean;
  limit: number;
  before?: string;
}

export interface AcknowledgeInput {
  incidentId: string;
  actor: string;
  actorName: string;
  note: string | null;
  /** What the person found; null when acknowledged without saying (e.g. through the SMS link). */
  outcome?: IncidentOutcome | null;
  via: "dashboard" | "sms_link";
  at: number;
}

export interface IncidentService {
  list(filter: IncidentFilter): Promise<{ items: IncidentRecord[]; nextCursor: string | null }>;
  get(incidentId: string): Promise<IncidentRecord | undefined>;
  /** Idempotent: acknowledging an acknowledged incident returns it unchanged. */
  acknowledge(input: AcknowledgeInput): Promise<IncidentRecord | undefined>;
  /** The counter's false-alarm evidence and a proposed threshold (nothing is applied). */
  calibration(counterId: string): Promise<AlertCalibration>;
  /** False-alarm rate and acknowledgement time per counter and expression model. */
  quality(counterIds: readonly string[]): Promise<AlertQualityRow[]>;
  /** Per counter, incidents with onset in [from, to) that have an outcome, and how many were false alarms. */
  outcomes(counterIds: readonly string[], from: number, to: number): Promise<Map<string, OutcomeCounts>>;
}

export interface OutcomeCounts {
  labelled: number;
  falseAlarms: number;
}

export interface AckTokenResolver {
  /** The incident and recipient an SMS acknowledge link was minted for, if the token is valid. */
  resolve(token: string): Promise<{ incidentId: string; personId: string; personName: string } | undefined>;
}

export interface VisitExportRow {
  visitId: string;
  counterId: string;
  startedAt: number;
  endedAt: number | null;
  durationMs: number;
  score: number;
  level: string;
  shares: { very_satisfied: number; satisfied: number; neutral: number; dissatisfied: number };
}

export interface VisitExporter {
  visits(counterIds: string[], from: number, to: number): AsyncIterable<VisitExportRow>;
}

export interface AgentDirectory {
  list(): Promise<AgentDto[]>;
}

export type AgentRequestBody = RequestMessage extends infer R
  ? R extends RequestMessage
    ? Omit<R, "v" | "txId" | "ts">
    : never
  : never;

export type AgentRequestOutcome =
  | { ok: true; response: ResponseMessage }
  | { ok: false; code: "agent_offline" | "agent_timeout"; message: string };

/** MQTT request/response with a transaction id. */
export interface AgentRequester {
  request(agentId: string, body: AgentRequestBody, timeoutMs?: number): Promise<AgentRequestOutcome>;
}

export interface TestIncidentService {
  raise(input: { counterId: string; requestedBy: AuthUser }): Promise<{
    incidentId: string;
    smsTo: string | null;
    smsStatus: string;
  }>;
}

export interface AuditInput {
  actor: string;
  action: AuditEntry["action"];
  target: string;
  detail: Record<string, unknown>;
  at: number;
}

export interface AuditLog {
  record(entry: AuditInput): Promise<void>;
  list(query: {
    from?: number;
    to?: number;
    limit: number;
    action?: AuditEntry["action"];
    target?: string;
  }): Promise<AuditEntry[]>;
}

export interface LiveEventBus {
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

export interface ReadinessProbe {
  check(): Promise<{ db: boolean; broker: boolean }>;
}

/** Stores the last tuning an agent confirmed, so the calibration page can show it. */
export interface TuningStore {
  get(
    counterId: string,
  ): Promise<{ tuning: CounterTuning; configVersion: number; updatedAt: number; updatedBy: string } | undefined>;
}

/** An official as the roster keeps them; `personId` is the official's own login, if any. */
export type RosterOfficial = OfficialDto & { personId?: string };

/** The roster of officials (who serves which counter in which shift). */
export interface RosterStore {
  officials(): Promise<RosterOfficial[]>;
  shifts(): Promise<RosterShiftDto[]>;
  /** Replaces the officials' names and the shifts at the centre's counters, in one transaction. */
  replaceCentre(
    centreId: string,
    counterIds: readonly string[],
    officials: readonly RosterOfficial[],
    shifts: readonly RosterShiftDto[],
  ): Promise<void>;
}

export interface AppDeps {
  log: import("@hailong/common").Logger;
  users: UserStore;
  sessions: SessionStore;
  directory: DirectoryReader;
  live: LiveReader;
  analytics: AnalyticsReader;
  incidents: IncidentService;
  ackTokens: AckTokenResolver;
  exporter: VisitExporter;
  roster: RosterStore;
  agents: AgentDirectory;
  requester: AgentRequester;
  testIncidents: TestIncidentService;
  audit: AuditLog;
  tuning: TuningStore;
  events: LiveEventBus;
  readiness: ReadinessProbe;
  metrics: Registry;
  /** Twilio delivery callbacks (`POST /sms/status`); absent: the route answers 404. */
  smsStatus?: (input: {
    form: Record<string, unknown>;
    outboxId?: string;
    signature?: string;
    url: string;
  }) => Promise<{ ok: true } | { ok: false; reason: string }>;
  publicBaseUrl?: string;
  /** Built dashboards (index.html + assets); undefined: the root shows how to build them. */
  dashboardsDir?: string;
  timeZone: string;
  /** Who may read /api/docs: logged-in admins (default, production) or anyone (the demo). */
  apiDocs?: "admins" | "public";
  /** Target tỷ lệ hài lòng (%) per centre for rankings and reports; absent: 90 % everywhere. */
  targets?: { defaultRate: number; byCentre: Record<string, number> };
  /** Chromium that prints report PDFs; absent: the PDF route answers that printing is unavailable. */
  chromiumPath?: string;
  sessionTtlMs?: number;
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Set true when the public URL is https, so cookies get the Secure flag. */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from the proxy in front (cookies are Secure when it says https). */
  trustProxy?: boolean;
  /** Issues an agent's MQTT secret (admin only); undefined: the route answers 404. */
  agentCredentials?: AgentCredentialIssuer;
  now?: () => number;
}

export interface IssuedAgentCredential {
  agentId: string;
  /** MQTT username: the agent id. */
  username: string;
  /** Shown once; only its hash is stored. */
  password: string;
}

export interface AgentCredentialIssuer {
  issue(agentId: string): Promise<IssuedAgentCredential>;
}
