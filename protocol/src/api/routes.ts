import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { QueryEpochMsSchema } from "./common.js";

/** GET /api/export.csv?from&to&centreId : one row per visit (end event). */
export const ExportQuerySchema = z
  .object({ from: QueryEpochMsSchema, to: QueryEpochMsSchema, centreId: IdSchema.optional() })
  .strict();
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
/** The export's header row, in Vietnamese as a supervisor opens it in Excel; times are dd/mm/yyyy HH:mm in Ho Chi Minh City. */
export const EXPORT_CSV_COLUMNS = [
  "Mã lượt",
  "Trung tâm",
  "Quầy",
  "Lĩnh vực",
  "Bắt đầu",
  "Kết thúc",
  "Thời lượng (giây)",
  "Chỉ số (0–100)",
  "Mức độ",
  "Rất hài lòng (%)",
  "Hài lòng (%)",
  "Bình thường (%)",
  "Không hài lòng (%)",
] as const;

/** Every path of the HTTP API, so the dashboards never spell one by hand. */
export const API_ROUTES = {
  login: "/api/auth/login",
  logout: "/api/auth/logout",
  me: "/api/auth/me",
  directory: "/api/directory",
  tiles: "/api/live/tiles",
  events: "/api/events",
  trends: "/api/trends",
  heatmap: "/api/heatmap",
  comparison: "/api/comparison",
  incidents: "/api/incidents",
  incidentAck: (incidentId: string) => `/api/incidents/${encodeURIComponent(incidentId)}/ack`,
  exportCsv: "/api/export.csv",
  roster: "/api/roster",
  rosterImport: (centreId: string) => `/api/roster/${centreId}`,
  officialRanking: "/api/officials/ranking",
  report: (kind: string, centreId: string, period: string) => `/api/reports/${kind}/${centreId}/${period}`,
  reportPage: (kind: string, centreId: string, period: string) => `/reports/${kind}/${centreId}/${period}`,
  agents: "/api/agents",
  agentStats: (agentId: string) => `/api/agents/${agentId}/stats`,
  agentCredentials: (agentId: string) => `/api/agents/${agentId}/credentials`,
  snapshot: (agentId: string, counterId: string) => `/api/agents/${agentId}/counters/${counterId}/snapshot`,
  tuning: (counterId: string) => `/api/counters/${counterId}/tuning`,
  testIncident: (counterId: string) => `/api/counters/${counterId}/test-incident`,
  alertCalibration: (counterId: string) => `/api/counters/${counterId}/alert-calibration`,
  alertQuality: "/api/alert-quality",
  audit: "/api/audit",
  docs: "/api/docs",
  ackLink: (token: string) => `/a/${token}`,
} as const;
