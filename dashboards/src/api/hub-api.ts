import {
  AgentListResponseSchema,
  AlertCalibrationApplyResponseSchema,
  AlertCalibrationSchema,
  AlertQualityResponseSchema,
  API_ROUTES,
  type ComparisonQuery,
  ComparisonResponseSchema,
  type CounterTuning,
  DirectoryResponseSchema,
  type ExportQuery,
  type HeatmapQuery,
  HeatmapResponseSchema,
  IncidentDtoSchema,
  type IncidentListQuery,
  IncidentListResponseSchema,
  type IncidentOutcome,
  type LoginRequest,
  type OfficialRankingQuery,
  OkSchema,
  type ReportKind,
  RosterImportResultSchema,
  RosterResponseSchema,
  SessionInfoSchema,
  SnapshotApiResponseSchema,
  StatsApiResponseSchema,
  TestIncidentResponseSchema,
  TilesResponseSchema,
  type TrendQuery,
  TrendResponseSchema,
  TuningPushResponseSchema,
  TuningStateSchema,
} from "@hailong/protocol";
import { type HttpClient, withQuery } from "./http.js";

/** Typed calls for every hub endpoint the dashboards use; paths come from the shared API_ROUTES. */
export function createHubApi(http: HttpClient) {
  return {
    login: (body: LoginRequest) => http.send("POST", API_ROUTES.login, SessionInfoSchema, body),
    logout: () => http.send("POST", API_ROUTES.logout, OkSchema, {}),
    me: () => http.get(API_ROUTES.me, SessionInfoSchema),
    directory: () => http.get(API_ROUTES.directory, DirectoryResponseSchema),
    tiles: (centreId?: string) => http.get(API_ROUTES.tiles, TilesResponseSchema, { centreId }),
    trends: (q: TrendQuery) => http.get(API_ROUTES.trends, TrendResponseSchema, q),
    heatmap: (q: HeatmapQuery) => http.get(API_ROUTES.heatmap, HeatmapResponseSchema, q),
    comparison: (q: ComparisonQuery) => http.get(API_ROUTES.comparison, ComparisonResponseSchema, { ...q }),
    incidents: (q: Partial<IncidentListQuery>) => http.get(API_ROUTES.incidents, IncidentListResponseSchema, q),
    acknowledge: (incidentId: string, note: string, outcome?: IncidentOutcome) =>
      http.send("POST", API_ROUTES.incidentAck(incidentId), IncidentDtoSchema, {
        ...(note ? { note } : {}),
        ...(outcome ? { outcome } : {}),
      }),
    agents: () => http.get(API_ROUTES.agents, AgentListResponseSchema),
    stats: (agentId: string) => http.get(API_ROUTES.agentStats(agentId), StatsApiResponseSchema),
    snapshot: (agentId: string, counterId: string, showFaces: boolean) =>
      http.send("POST", API_ROUTES.snapshot(agentId, counterId), SnapshotApiResponseSchema, { showFaces }),
    tuning: (counterId: string) => http.get(API_ROUTES.tuning(counterId), TuningStateSchema),
    pushTuning: (counterId: string, tuning: CounterTuning) =>
      http.send("PUT", API_ROUTES.tuning(counterId), TuningPushResponseSchema, tuning),
    roster: (centreId?: string) => http.get(API_ROUTES.roster, RosterResponseSchema, { centreId }),
    importRoster: (centreId: string, csv: string) =>
      http.sendCsv("PUT", API_ROUTES.rosterImport(centreId), RosterImportResultSchema, csv),
    officialRanking: (q: OfficialRankingQuery) =>
      http.get(API_ROUTES.officialRanking, ComparisonResponseSchema, { ...q }),
    alertQuality: () => http.get(API_ROUTES.alertQuality, AlertQualityResponseSchema),
    alertCalibration: (counterId: string) => http.get(API_ROUTES.alertCalibration(counterId), AlertCalibrationSchema),
    applyAlertCalibration: (counterId: string, threshold: number) =>
      http.send("POST", API_ROUTES.alertCalibration(counterId), AlertCalibrationApplyResponseSchema, { threshold }),
    testIncident: (counterId: string) =>
      http.send("POST", API_ROUTES.testIncident(counterId), TestIncidentResponseSchema, {}),
  };
}
export type HubApi = ReturnType<typeof createHubApi>;

/** Plain links (the browser downloads or opens them with the session cookie). */
export const exportCsvUrl = (q: ExportQuery): string => withQuery(API_ROUTES.exportCsv, { ...q });
export const reportPageUrl = (kind: ReportKind, centreId: string, period: string): string =>
  API_ROUTES.reportPage(kind, centreId, period);
