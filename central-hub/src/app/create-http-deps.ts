import type { Logger } from "@hailong/common";
import type { Registry } from "prom-client";
import type { Database } from "../db/open-database.js";
import type { AckTokenResolver, AgentRequester, AppDeps, LiveEventBus, TestIncidentService } from "../http/ports.js";
import type { AgentRegistry } from "../registry/agent-registry.js";
import { createAgentDirectory, createVisitExporter } from "./read/agent-directory.js";
import { createAnalyticsReader } from "./read/analytics-reader.js";
import { createDirectoryReader } from "./read/directory-reader.js";
import { createIncidentService } from "./read/incident-service.js";
import { createLiveReader } from "./read/live-reader.js";
import { createAuditStore, createAuditTuningStore } from "./stores/audit-store.js";
import { createRosterStore } from "./stores/roster-store.js";
import { createSqlSessionStore } from "./stores/session-store.js";
import { createUserStore } from "./stores/users-store.js";

export interface HttpDepsInput {
  db: Database;
  log: Logger;
  registry: AgentRegistry;
  requester: AgentRequester;
  events: LiveEventBus;
  ackTokens: AckTokenResolver;
  testIncidents: TestIncidentService;
  metrics: Registry;
  smsStatus?: AppDeps["smsStatus"];
  brokerReady: () => boolean;
  timeZone: string;
  targets?: AppDeps["targets"];
  chromiumPath?: string;
  publicBaseUrl?: string;
  /** Trust X-Forwarded-* from a TLS-terminating proxy. */
  trustProxy?: boolean;
  agentCredentials?: AppDeps["agentCredentials"];
  apiDocs?: AppDeps["apiDocs"];
  dashboardsDir?: string;
  loginRateLimit?: AppDeps["loginRateLimit"];
  now?: () => number;
}

/** Adapts storage and the running parts to the ports buildApp() needs. */
export function createHttpDeps(input: HttpDepsInput): AppDeps {
  const sql = input.db.sql;
  const now = input.now ?? Date.now;
  const audit = createAuditStore(sql);
  return {
    log: input.log,
    users: createUserStore(sql),
    sessions: createSqlSessionStore(sql),
    directory: createDirectoryReader(sql, 2_000, now),
    live: createLiveReader(sql, input.registry, now),
    analytics: createAnalyticsReader(sql),
    incidents: createIncidentService(sql),
    ackTokens: input.ackTokens,
    exporter: createVisitExporter(sql),
    roster: createRosterStore(sql, now),
    agents: createAgentDirectory(sql, input.registry, now),
    requester: input.requester,
    testIncidents: input.testIncidents,
    audit,
    tuning: createAuditTuningStore(audit),
    events: input.events,
    readiness: { check: async () => ({ db: await input.db.ping(), broker: input.brokerReady() }) },
    metrics: input.metrics,
    timeZone: input.timeZone,
    ...(input.targets ? { targets: input.targets } : {}),
    ...(input.chromiumPath ? { chromiumPath: input.chromiumPath } : {}),
    ...(input.publicBaseUrl ? { publicBaseUrl: input.publicBaseUrl } : {}),
    secureCookies: input.publicBaseUrl?.startsWith("https:") ?? false,
    ...(input.trustProxy ? { trustProxy: true } : {}),
    ...(input.agentCredentials ? { agentCredentials: input.agentCredentials } : {}),
    ...(input.apiDocs ? { apiDocs: input.apiDocs } : {}),
    now,
    ...(input.dashboardsDir ? { dashboardsDir: input.dashboardsDir } : {}),
    ...(input.smsStatus ? { smsStatus: input.smsStatus } : {}),
    ...(input.loginRateLimit ? { loginRateLimit: input.loginRateLimit } : {}),
  };
}
