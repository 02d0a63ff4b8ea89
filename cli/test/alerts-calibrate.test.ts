import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHub, DEMO_PASSWORD, demoDirectorySeed, type Hub, HubConfigSchema } from "@hailong/central-hub";
import { createSilentLogger } from "@hailong/common";
import { until as pollUntil } from "@hailong/common/testing";
import { runAgentCommand } from "@hailong/edge-agent";
import { createFaceAnalyzer, OFFLINE_MODEL_CHOICE } from "@hailong/models";
import {
  AlertQualityResponseSchema,
  API_ROUTES,
  IncidentDtoSchema,
  type IncidentOutcome,
  StatsApiResponseSchema,
} from "@hailong/protocol";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertIncidentIfAbsent } from "../../central-hub/src/db/repos/incidents-repo.js";
import { runCalibrate } from "../src/alerts/calibrate-command.js";
import { loginToHub } from "../src/alerts/hub-client.js";
import { buildDemoFrames } from "../src/demo/demo-frames.js";

/**
 * The false-alarm loop end to end: a real hub (embedded aedes, SQLite) and a real agent (offline models, a folder
 * camera) that answers the hub's config push as in the field. A leader labels 10 incidents of one counter, 4 as
 * false alarms; `hailong alerts calibrate` reports the precision and a threshold, and only --confirm pushes it.
 */
const AGENT_ID = "agent-bn-3";
const COUNTER_ID = "bn-datdai-1";
const log = createSilentLogger();

/** Peaks of the labelled incidents: the false alarms sit low, the real ones mostly higher. */
const LABELS: Array<{ peak: number; outcome: IncidentOutcome }> = [
  { peak: 0.42, outcome: "false-alarm" },
  { peak: 0.45, outcome: "false-alarm" },
  { peak: 0.48, outcome: "handled" },
  { peak: 0.5, outcome: "false-alarm" },
  { peak: 0.55, outcome: "false-alarm" },
  { peak: 0.6, outcome: "handled" },
  { peak: 0.7, outcome: "no-action" },
  { peak: 0.8, outcome: "handled" },
  { peak: 0.85, outcome: "handled" },
  { peak: 0.9, outcome: "no-action" },
];

/** A real agent and hub: up to a minute, asking every 200 ms. */
const untilSlowly = <T>(what: string, probe: () => Promise<T | undefined>) => pollUntil(what, probe, 60_000, 200);

describe("hailong alerts calibrate against a real hub and agent", () => {
  let dir: string;
  let hub: Hub;
  let stopAgent: () => void = () => undefined;
  let agentRun: Promise<number> | undefined;
  let analyzer: Awaited<ReturnType<typeof createFaceAnalyzer>> | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hailong-calibrate-"));
    const config = HubConfigSchema.parse({
      db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
      mqtt: { embedded: { port: 0, host: "127.0.0.1" }, clientId: "hailong-calibrate-hub" },
      http: { port: 0, host: "127.0.0.1", publicBaseUrl: "http://hub.test" },
    });
    hub = createHub({ config, log, env: {}, seed: demoDirectorySeed(await hash(DEMO_PASSWORD)) });
    await hub.start();
    const frames = await buildDemoFrames(join(dir, "frames"), [{ counterId: COUNTER_ID, script: [["neutral", 4]] }], 2);
    const configFile = join(dir, "agent.yaml");
    await writeFile(
      configFile,
      JSON.stringify({
        agentId: AGENT_ID,
        mqtt: { url: hub.mqttUrl, reconnectMs: 200 },
        stateDir: join(dir, "agent-state"),
        models: { ...OFFLINE_MODEL_CHOICE },
        counters: [{ id: COUNTER_ID, camera: { type: "folder", dir: frames.get(COUNTER_ID), fps: 2, loop: true } }],
      }),
    );
    analyzer = await createFaceAnalyzer({ ...OFFLINE_MODEL_CHOICE, threads: 1 });
    const until = new Promise<void>((resolve) => {
      stopAgent = resolve;
    });
    const env = { HAILONG_MQTT_PASSWORD: (await hub.issueAgentCredential(AGENT_ID)).password };
    agentRun = runAgentCommand({ configFile, env, logger: log, until, analyzer });
  }, 120_000);

  afterAll(async () => {
    stopAgent();
    await agentRun;
    await analyzer?.close();
    await hub?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("a leader labels 10 incidents (4 false alarms); calibrate proposes a threshold and --confirm pushes it to the agent", async () => {
    const sql = hub.db.sql;
    const agentInfo = () =>
      sql.query<{ models: string | null; config_version: number | null }>(
        "SELECT models, config_version FROM agents WHERE agent_id = ?",
        [AGENT_ID],
      );
    const info = await untilSlowly("the agent's info message", async () => {
      const [row] = await agentInfo();
      return row?.models ? row : undefined;
    });
    const expressionModel = (JSON.parse(info.models ?? "[]") as Array<{ id: string; kind: string }>).find(
      (m) => m.kind === "expression",
    )?.id;
    expect(expressionModel).toBeTruthy();

    // Ten incidents of the counter, stored by the hub's incident repository as ingest stores them.
    const now = Date.now();
    for (const [i, label] of LABELS.entries()) {
      const onset = now - (LABELS.length - i) * 600_000;
      await insertIncidentIfAbsent(
        sql,
        {
          incidentId: `calib-${i}`,
          visitId: `calib-visit-${i}`,
          counterId: COUNTER_ID,
          agentId: AGENT_ID,
          onset,
          peak: label.peak,
          peakAt: onset + 1000,
          durationMs: 3000,
          threshold: 0.4,
          test: false,
          ts: onset + 3000,
        },
        onset + 3000,
      );
    }

    // The centre leader acknowledges each with its outcome, through the API the dashboard uses.
    const leader = await loginToHub(hub.httpUrl, "leader", DEMO_PASSWORD);
    if (!leader.ok) throw new Error(leader.message);
    for (const [i, label] of LABELS.entries()) {
      const acked = await leader.value.post(
        API_ROUTES.incidentAck(`calib-${i}`),
        { outcome: label.outcome, note: "" },
        IncidentDtoSchema,
      );
      expect(acked.ok).toBe(true);
    }

    // The leader sees the false-alarm rate of the counter under the model the agent ran.
    const quality = await leader.value.get(API_ROUTES.alertQuality, AlertQualityResponseSchema);
    expect(quality.ok && quality.value.rows).toEqual([
      expect.objectContaining({ counterId: COUNTER_ID, modelId: expressionModel, incidents: 10, falseAlarms: 4 }),
    ]);
    // Only an administrator may apply a threshold.
    const refused = await leader.value.post(
      API_ROUTES.alertCalibration(COUNTER_ID),
      { threshold: 0.51 },
      {
        parse: (v) => v,
      },
    );
    expect(refused).toMatchObject({ ok: false, status: 403 });

    const [before] = await agentInfo();
    const shown: string[] = [];
    const stdout = { write: (text: string) => shown.push(text) };
    const options = { hubUrl: hub.httpUrl, username: "admin", password: DEMO_PASSWORD, counterId: COUNTER_ID, stdout };

    // Without --confirm: the evidence and the proposal, and nothing changes on the agent.
    expect(await runCalibrate({ ...options, confirm: false })).toBe(0);
    const report = shown.join("");
    expect(report).toContain("10 sự cố đã tiếp nhận có kết quả, trong đó 4 báo nhầm");
    expect(report).toContain("Ngưỡng hiện tại: 0,40; độ chính xác: 60%");
    // 0.51 keeps 6 incidents of which 5 real (83%), the lowest step reaching the 80% target
    expect(report).toContain("Ngưỡng đề xuất: 0,51; độ chính xác nếu áp dụng: 83% (bỏ sót 1 sự cố thật)");
    expect(report).toContain("Chưa áp dụng");
    const [unchanged] = await agentInfo();
    expect(unchanged?.config_version).toBe(before?.config_version);

    // Confirmed: the config push reaches the agent, which answers with a new config version.
    shown.length = 0;
    expect(await runCalibrate({ ...options, confirm: true })).toBe(0);
    const version = Number(/cấu hình phiên bản (\d+)/.exec(shown.join(""))?.[1]);
    expect(shown.join("")).toContain("Đã áp dụng ngưỡng 0,51 (trước đó 0,40); thiết bị agent-bn-3 xác nhận");
    expect(version).toBeGreaterThan(Number(before?.config_version ?? 0));
    // The agent's retained info carries the confirmed version, and it runs the new threshold.
    await untilSlowly("the agent's new config version", async () => {
      const [row] = await agentInfo();
      return Number(row?.config_version) === version ? true : undefined;
    });
    const admin = await loginToHub(hub.httpUrl, "admin", DEMO_PASSWORD);
    if (!admin.ok) throw new Error(admin.message);
    const stats = await admin.value.get(API_ROUTES.agentStats(AGENT_ID), StatsApiResponseSchema);
    expect(stats.ok && stats.value.counters[0]?.tuning?.dissatisfiedThreshold).toBe(0.51);
    // audited as a tuning push that says it came from the alert calibration
    const [audit] = await sql.query<{ actor: string; details: string }>(
      "SELECT actor, details FROM audit_log WHERE action = 'tuning.push' AND target = ?",
      [COUNTER_ID],
    );
    expect(audit?.actor).toBe("admin");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({ reason: { kind: "alert-calibration" } });
  }, 180_000);
});
