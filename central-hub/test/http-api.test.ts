import { existsSync } from "node:fs";
import { createSilentLogger } from "@hailong/common";
import { startAedesBroker, type TestBroker } from "@hailong/common/testing";
import {
  type ComparisonRow,
  CSRF_HEADER,
  createTopics,
  type Decoded,
  decode,
  encode,
  FULL_FRAME_ROI,
  type IncidentMessage,
  newId,
  ROSTER_CSV_COLUMNS,
  SESSION_COOKIE,
  type VisitEvent,
} from "@hailong/protocol";
import { hash } from "@node-rs/argon2";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { connect, type MqttClient } from "mqtt";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertsConfigSchema } from "../src/alerts/config.js";
import { type Alerting, createAlerting } from "../src/alerts/create-alerting.js";
import { createAgentRequester } from "../src/app/agent-requester.js";
import { createAlertDirectory } from "../src/app/alert-directory.js";
import { createHttpDeps } from "../src/app/create-http-deps.js";
import { createLiveEventBus } from "../src/app/live-event-bus.js";
import { createHubMetrics } from "../src/app/metrics.js";
import { createTestIncidentService } from "../src/app/test-incident-service.js";
import type { Database } from "../src/db/open-database.js";
import { demoDirectorySeed } from "../src/directory/demo-directory.js";
import { createDirectoryService } from "../src/directory/directory-service.js";
import { loadDirectorySeed } from "../src/directory/seed-loader.js";
import { buildApp } from "../src/http/build-app.js";
import { storeBatch } from "../src/ingest/store-batch.js";
import { createAgentRegistry } from "../src/registry/agent-registry.js";
import { SmsConfigSchema } from "../src/sms/config.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "./support/fake-twilio-databases.js";

const PASSWORD = "correct horse";
const BASE = "hailong";
const log = createSilentLogger();
const T0 = Date.now() - 60 * 60_000;
const CHROMIUM = process.env.HAILONG_CHROMIUM ?? "/usr/bin/chromium";
const topics = createTopics(BASE);

function decodeOrThrow(topic: string, payload: Uint8Array): Decoded {
  const result = decode(topic, payload, { base: BASE });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function visit(counterId: string, agentId: string, score: number, startedAt: number): VisitEvent {
  return {
    v: 1,
    id: newId(),
    agentId,
    counterId,
    ts: startedAt + 30_000,
    kind: "end",
    visitId: newId(),
    seq: 2,
    startedAt,
    endedAt: startedAt + 30_000,
    durationMs: 30_000,
    frames: 150,
    shares: { very_satisfied: 0.5, satisfied: 0.2, neutral: 0.3, dissatisfied: 0 },
    score,
    level: "satisfied",
  };
}

function incident(counterId: string, agentId: string, onset: number, visitId = newId(onset)): IncidentMessage {
  return {
    v: 1,
    id: newId(),
    agentId,
    counterId,
    ts: onset + 2_000,
    incidentId: newId(onset),
    visitId,
    onset,
    peak: 0.8,
    peakAt: onset + 1_000,
    durationMs: 2_000,
    threshold: 0.5,
    test: false,
  };
}

interface Session {
  cookie: string;
  csrf: string;
}

describe.each(databaseKinds())("hub HTTP API on %s (real aedes, real MQTT)", (kind) => {
  let db: Database;
  let testDb: TestDatabase;
  let broker: TestBroker;
  let hubClient: MqttClient;
  let agentClient: MqttClient;
  let app: FastifyInstance;
  let requester: ReturnType<typeof createAgentRequester>;
  let alerting: Alerting;
  const incidentIds: string[] = [];

  beforeAll(async () => {
    testDb = await openTestDatabase(kind);
    db = { dialect: testDb.sql.dialect, sql: testDb.sql, ping: async () => true, close: () => testDb.close() };
    await loadDirectorySeed(db.sql, demoDirectorySeed(await hash(PASSWORD)), Date.now());
    for (const [i, counter] of ["bn-hotich-1", "bn-hotich-2", "dk-hotich-1"].entries()) {
      // Stored as the ingest stores them, so the rollups the analytics read are maintained too.
      const v = visit(counter, "agent-x", 60 + i * 10, T0 + i * 60_000);
      const m = incident(counter, "agent-x", T0 + i * 60_000 + 5_000, v.visitId);
      await storeBatch(
        db.sql,
        [
          decodeOrThrow(topics.counter(counter, "visit"), encode("visit", v)),
          decodeOrThrow(topics.counter(counter, "incident"), encode("incident", m)),
        ],
        [],
        Date.now(),
      );
      incidentIds.push(m.incidentId);
    }
    broker = await startAedesBroker();
    hubClient = await connectClient(broker.url, "hub-test");
    agentClient = await connectClient(broker.url, "agent-test");
    requester = createAgentRequester({ client: hubClient, baseTopic: BASE, log, timeoutMs: 1_500 });
    await requester.start();
    const registry = createAgentRegistry({ sql: db.sql });
    const directory = createDirectoryService({ sql: db.sql });
    alerting = createAlerting({
      sql: db.sql,
      directory: createAlertDirectory(directory),
      alerts: AlertsConfigSchema.parse({}),
      sms: SmsConfigSchema.parse({ maxSegments: 2 }),
      publicBaseUrl: "http://hub.test",
      timeZone: "Asia/Ho_Chi_Minh",
      twilio: undefined,
      log,
    });
    const outbox = alerting.outbox;
    const testIncidents = createTestIncidentService({ alerts: alerting.service, directory });
    app = await buildApp(
      createHttpDeps({
        db,
        log,
        registry,
        requester,
        events: createLiveEventBus(),
        ackTokens: { resolve: (token) => alerting.service.resolveToken(token) },
        testIncidents,
        metrics: createHubMetrics({ outbox, registry }),
        brokerReady: () => hubClient.connected,
        timeZone: "Asia/Ho_Chi_Minh",
        loginRateLimit: { max: 40, timeWindowMs: 60_000 },
        ...(existsSync(CHROMIUM) ? { chromiumPath: CHROMIUM } : {}),
      }),
    );
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await requester?.stop();
    await hubClient?.endAsync();
    await agentClient?.endAsync();
    await broker?.stop();
    await db?.close();
  });

  async function login(username: string, password = PASSWORD): Promise<Session> {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    return { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json().csrfToken };
  }

  const get = (s: Session, url: string) => app.inject({ method: "GET", url, headers: { cookie: s.cookie } });
  /** PUT a roster CSV (one shift line after the Vietnamese header) for the demo centre. */
  const putRoster = (s: Session, line: string) =>
    app.inject({
      method: "PUT",
      url: "/api/roster/hcc-ben-nghe",
      payload: `${ROSTER_CSV_COLUMNS.join(",")}\n${line}\n`,
      headers: { cookie: s.cookie, [CSRF_HEADER]: s.csrf, "content-type": "text/csv" },
    });
  const send = (s: Session, method: "POST" | "PUT", url: string, payload: unknown, csrf = true) =>
    app.inject({
      method,
      url,
      payload: payload as object,
      headers: { cookie: s.cookie, ...(csrf ? { [CSRF_HEADER]: s.csrf } : {}) },
    });

  it("refuses a wrong password and unauthenticated calls", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "leader", password: "nope" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe("unauthorized");
    const anon = await app.inject({ method: "GET", url: "/api/directory" });
    expect(anon.statusCode).toBe(401);
  });

  it("scopes a centre leader to their centre while an admin sees all", async () => {
    const leader = await login("leader");
    const me = await get(leader, "/api/auth/me");
    expect(me.json().user).toMatchObject({ role: "centre_leader", centreId: "hcc-ben-nghe" });
    const dirLeader = (await get(leader, "/api/directory")).json();
    expect(dirLeader.centres.map((c: { id: string }) => c.id)).toEqual(["hcc-ben-nghe"]);
    expect(dirLeader.counters).toHaveLength(3);
    expect(dirLeader.people.every((p: { phoneMasked: string | null }) => !p.phoneMasked?.includes("234567"))).toBe(
      true,
    );
    expect((await get(leader, "/api/live/tiles?centreId=hcc-da-kao")).statusCode).toBe(403);
    const incidents = (await get(leader, "/api/incidents")).json();
    expect(incidents.items.map((i: { counterId: string }) => i.counterId).sort()).toEqual([
      "bn-hotich-1",
      "bn-hotich-2",
    ]);
    const admin = await login("admin");
    expect((await get(admin, "/api/directory")).json().centres).toHaveLength(2);
    expect((await get(admin, "/api/incidents")).json().items).toHaveLength(3);
  });

  it("serves tiles, trends and the field comparison from stored visits", async () => {
    const s = await login("supervisor");
    const tiles = (await get(s, "/api/live/tiles")).json().tiles;
    const t1 = tiles.find((t: { counterId: string }) => t.counterId === "bn-hotich-1");
    expect(t1.today.visits + (await get(s, "/api/incidents")).json().items.length).toBeGreaterThan(0);
    const from = T0 - 3_600_000;
    const to = Date.now() + 3_600_000;
    const trend = (await get(s, `/api/trends?scope=centre&id=hcc-ben-nghe&period=hour&from=${from}&to=${to}`)).json();
    expect(trend.total.visits).toBe(2);
    expect(trend.total.score).toBe(65);
    // each visit had an incident: it counts as dissatisfied whatever its own level (satisfied)
    expect(trend.total.levelCounts).toEqual({ very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 2 });
    expect(trend.total.satisfactionRate).toBe(0);
    const cmp = (await get(s, `/api/comparison?field=ho-tich&from=${from}&to=${to}`)).json();
    expect(
      cmp.rows.map((r: ComparisonRow) => [r.id, r.score, r.satisfactionRate, r.incidentsPer100, r.change, r.target]),
    ).toEqual([
      ["bn-hotich-1", 60, 0, 100, null, 90],
      ["bn-hotich-2", 70, 0, 100, null, 90],
    ]);
    const all = (await get(s, `/api/comparison?from=${from}&to=${to}`)).json();
    expect(all.rows).toHaveLength(3);
    expect(all.rows.at(-1).visits).toBe(0);
    const outside = await get(s, `/api/trends?scope=centre&id=hcc-da-kao&period=day&from=${from}&to=${to}`);
    expect(outside.statusCode).toBe(404);
  });

  it("rejects a mutating request without the csrf header, then acknowledges with it and audits", async () => {
    const s = await login("leader");
    const id = incidentIds[0] as string;
    const noCsrf = await send(s, "POST", `/api/incidents/${id}/ack`, { note: "x" }, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf_mismatch");
    const ok = await send(s, "POST", `/api/incidents/${id}/ack`, { note: "Đã gặp công dân" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "acknowledged", acknowledgedBy: "Nguyễn Văn An", ackVia: "dashboard" });
    const audit = await db.sql.query<{ actor: string; target: string }>(
      "SELECT actor, target FROM audit_log WHERE action = 'incident.ack'",
    );
    expect(audit).toEqual([{ actor: "leader", target: id }]);
  });

  it("acknowledging through the dashboard counts once in the rollups, with its response time", async () => {
    const s = await login("leader");
    const id = incidentIds[1] as string;
    const onset = T0 + 60_000 + 5_000;
    const acked = await send(s, "POST", `/api/incidents/${id}/ack`, {});
    expect(acked.statusCode, acked.body).toBe(200);
    const at = acked.json().acknowledgedAt as number;
    expect(at).toBeGreaterThan(onset);
    // Acknowledging again keeps the first acknowledgement and counts nothing more.
    expect((await send(s, "POST", `/api/incidents/${id}/ack`, {})).statusCode).toBe(200);
    for (const table of ["rollup_hourly", "rollup_daily", "rollup_monthly"]) {
      const rows = await db.sql.query<{ acknowledged: number; response_ms_sum: number }>(
        `SELECT SUM(acknowledged) AS acknowledged, SUM(response_ms_sum) AS response_ms_sum FROM ${table}
         WHERE counter_id = ?`,
        ["bn-hotich-2"],
      );
      expect(
        rows.map((r) => [Number(r.acknowledged), Number(r.response_ms_sum)]),
        table,
      ).toEqual([[1, at - onset]]);
    }
  });

  it("texts a test incident to the requesting installer only, and its link acknowledges it", async () => {
    const installer = await login("installer");
    const res = await send(installer, "POST", "/api/counters/bn-datdai-1/test-incident", {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ smsTo: "+8490****999", smsStatus: "queued" });
    const id = res.json().incidentId as string;
    const rows = await db.sql.query<{ to_phone: string; body: string }>("SELECT to_phone, body FROM sms_outbox");
    expect(rows.map((r) => r.to_phone)).toEqual(["+84908889999"]);
    const token = /http:\/\/hub\.test\/a\/([0-9A-Za-z]+)/.exec(rows[0]?.body ?? "")?.[1] as string;
    expect(token).toBeTruthy();
    const leaderList = (await get(await login("leader"), "/api/incidents?counterId=bn-datdai-1")).json().items;
    expect(leaderList).toHaveLength(0);

    const page = await app.inject({ method: "GET", url: `/a/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Xác nhận đã tiếp nhận");
    expect(page.body).toContain("Quầy Đất đai 1");
    // phone-first page: centre and field in Vietnamese (no slug), the three outcomes, a way to the dashboard
    expect(page.body).toContain("Trung tâm Phục vụ hành chính công phường Sài Gòn");
    expect(page.body).toContain("Bộ phận Đất đai");
    expect(page.body).not.toContain("dat-dai");
    for (const label of ["Đã xử lý", "Báo nhầm", "Có thật nhưng không cần xử lý", "Mở trang giám sát"]) {
      expect(page.body).toContain(label);
    }
    const tooLong = await app.inject({
      method: "POST",
      url: `/a/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `note=${"a".repeat(2001)}`,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain("Ghi chú dài 2001 ký tự, quá giới hạn 2000");
    expect(tooLong.body).toContain("Xác nhận đã tiếp nhận");
    const forged = await app.inject({ method: "GET", url: `/a/${token.slice(0, -2)}xx` });
    expect(forged.statusCode).toBe(404);
    const post = await app.inject({
      method: "POST",
      url: `/a/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "note=Da+xu+ly&outcome=false-alarm",
    });
    expect(post.statusCode).toBe(303);
    const after = await app.inject({ method: "GET", url: `/a/${token}` });
    expect(after.body).toContain("Đã xác nhận");
    const admin = await login("admin");
    const list = (await get(admin, "/api/incidents?status=acknowledged&includeTest=true")).json().items;
    expect(list.find((i: { id: string }) => i.id === id)).toMatchObject({
      ackVia: "sms_link",
      ackNote: "Da xu ly",
      outcome: "false-alarm",
      acknowledgedBy: "Võ Minh Em",
      test: true,
    });
    const audit = await db.sql.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE target = ? AND action = 'incident.ack'",
      [id],
    );
    expect(audit).toEqual([{ actor: "sms:p-installer" }]);
  });

  it("only the centre leader, the head of the counter's field and admins may acknowledge (others get 403)", async () => {
    const land = incident("bn-datdai-1", "agent-x", T0 + 5 * 60_000);
    await storeBatch(
      db.sql,
      [decodeOrThrow(topics.counter("bn-datdai-1", "incident"), encode("incident", land))],
      [],
      Date.now(),
    );
    const url = `/api/incidents/${land.incidentId}/ack`;
    // the Hộ tịch head (wrong field) and a supervisor see it but may not act; the Đất đai head may
    for (const username of ["head", "supervisor"]) {
      const denied = await send(await login(username), "POST", url, { note: "x" });
      expect(denied.statusCode, username).toBe(403);
      expect(denied.json().error.code).toBe("forbidden");
      expect(denied.json().error.message).toMatch(/^Chỉ lãnh đạo trung tâm/);
    }
    const seen = (await get(await login("head"), "/api/incidents?counterId=bn-datdai-1")).json().items;
    expect(seen.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[land.incidentId, "open"]]);
    const admin = await login("admin");
    const long = await send(admin, "POST", url, { note: "x".repeat(2001), outcome: "handled" });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: "note_too_long" });
    const note = "Đã kiểm tra. ".repeat(150).trim();
    expect(note.length).toBeLessThanOrEqual(2000);
    const ok = await send(admin, "POST", url, { note, outcome: "no-action" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ackNote: note, outcome: "no-action" });
    // the outcome is a label for the counter's calibration evidence (admins only; one label proposes nothing)
    const calibration = await get(admin, "/api/counters/bn-datdai-1/alert-calibration");
    expect(calibration.json()).toMatchObject({
      counterId: "bn-datdai-1",
      currentThreshold: 0.5,
      incidents: 1,
      falseAlarms: 0,
      precisionNow: 1,
      proposedThreshold: null,
    });
    expect((await get(await login("leader"), "/api/counters/bn-datdai-1/alert-calibration")).statusCode).toBe(403);
    // The ranking's false-alarm column counts the period's labelled incidents: one, not a false alarm.
    const ranking = (await get(admin, `/api/comparison?from=${T0 - 3_600_000}&to=${Date.now() + 3_600_000}`)).json();
    const shares = Object.fromEntries(ranking.rows.map((r: ComparisonRow) => [r.id, r.falseAlarmShare]));
    expect(shares).toMatchObject({ "bn-datdai-1": 0, "bn-hotich-1": null, "bn-hotich-2": null });
  });

  it("exports visits of the user's centre as CSV", async () => {
    const s = await login("leader");
    const res = await get(s, `/api/export.csv?from=${T0 - 1}&to=${Date.now()}&centreId=hcc-ben-nghe`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Mã lượt,Trung tâm,Quầy,Lĩnh vực,Bắt đầu,Kết thúc,Thời lượng (giây),Chỉ số (0–100),Mức độ,Rất hài lòng (%),Hài lòng (%),Bình thường (%),Không hài lòng (%)",
    );
    expect(lines[1]).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2},/);
    expect(res.body).not.toMatch(/ho-tich|hcc-ben-nghe|T\d{2}:\d{2}:\d{2}/);
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[2])
        .sort(),
    ).toEqual(["Quầy Hộ tịch 1", "Quầy Hộ tịch 2"]);
    expect((await get(s, `/api/export.csv?from=${T0}&to=${Date.now()}&centreId=hcc-da-kao`)).statusCode).toBe(403);
  });

  it("exports the monthly report as .xlsx whose totals equal the API's, and prints the national header", async () => {
    const s = await login("supervisor");
    const month = new Date(T0 + 7 * 3_600_000).toISOString().slice(0, 7);
    const json = (await get(s, `/api/reports/monthly/hcc-ben-nghe/${month}`)).json();
    expect(json.total.visits).toBe(2);
    const res = await get(s, `/reports/monthly/hcc-ben-nghe/${month}/xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]);
    expect(rows[1]).toEqual(["Độc lập - Tự do - Hạnh phúc"]);
    const total = rows.find((r) => r[0] === "Tổng cộng");
    const t = json.total;
    const c = t.levelCounts;
    expect(total?.slice(2)).toEqual([
      t.visits,
      c.very_satisfied,
      c.satisfied,
      c.neutral,
      c.dissatisfied,
      t.satisfactionRate,
      t.score,
      t.incidents,
    ]);
    const counterRows = rows.filter((r) => json.byCounter.some((x: { counterName: string }) => x.counterName === r[0]));
    expect(counterRows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(t.visits);
    expect(rows.some((r) => r.includes("ho-tich"))).toBe(false);
    const page = await get(s, `/reports/monthly/hcc-ben-nghe/${month}`);
    expect(page.body).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(page.body).toMatch(/Lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(page.body).not.toContain("ho-tich");
  });

  it("files quarterly and yearly reports as .xlsx with the API's totals and prints them to a PDF with the national header", async () => {
    const s = await login("supervisor");
    const local = new Date(T0 + 7 * 3_600_000);
    const year = String(local.getUTCFullYear());
    const quarter = `${year}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
    for (const [kind, period] of [
      ["quarterly", quarter],
      ["yearly", year],
    ] as const) {
      const json = (await get(s, `/api/reports/${kind}/hcc-ben-nghe/${period}`)).json();
      expect(json.total.visits).toBe(2);
      expect(json.bucket).toBe("month");
      // By official for the centre's supervisor: the demo roster covers the whole day, so every visit is someone's.
      expect(json.byOfficial).toHaveLength(5);
      expect(json.byOfficial.reduce((sum: number, o: { visits: number }) => sum + o.visits, 0)).toBe(2);
      const res = await get(s, `/reports/${kind}/hcc-ben-nghe/${period}/xlsx`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      book.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[2]?.[0]).toBe(`BÁO CÁO MỨC ĐỘ HÀI LÒNG ${json.periodLabel.toUpperCase()}`);
      expect(rows.find((r) => r[0] === "Tổng cộng")?.slice(2, 3)).toEqual([json.total.visits]);
      const byMonth = rows.filter((r) => typeof r[0] === "string" && /^\d{2}\/\d{4}$/.test(r[0]));
      expect(byMonth.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(json.total.visits);
    }
    expect((await get(s, `/reports/monthly/hcc-ben-nghe/${year}`)).statusCode).toBe(400);
    const forHead = (await get(await login("head"), `/api/reports/yearly/hcc-ben-nghe/${year}`)).json();
    expect(forHead.byOfficial).toEqual([]);
    if (!existsSync(CHROMIUM)) return;
    const pdf = await get(s, `/reports/quarterly/hcc-ben-nghe/${quarter}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload) }).promise;
    let text = "";
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    }
    await doc.destroy();
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("THỦ TRƯỞNG ĐƠN VỊ");
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  }, 60_000);

  it("keeps a roster per centre, imports it from a Vietnamese CSV and ranks officials for the centre's leaders and supervisors only", async () => {
    const supervisor = await login("supervisor");
    const roster = (await get(supervisor, "/api/roster")).json();
    expect(roster.officials.map((o: { name: string }) => o.name).sort()).toEqual([
      "Lê Thị Hoa",
      "Nguyễn Thị Lan",
      "Phạm Quốc Bảo",
      "Trần Văn Minh",
      "Võ Thị Thu",
    ]);
    const range = `from=${T0 - 60_000}&to=${Date.now() + 60_000}`;
    const ranking = (await get(supervisor, `/api/officials/ranking?${range}`)).json();
    expect(ranking.groupBy).toBe("official");
    expect(ranking.rows).toHaveLength(5);
    const visits = ranking.rows.reduce((sum: number, r: { visits: number }) => sum + r.visits, 0);
    expect(visits).toBe(2);
    expect((await get(await login("head"), `/api/officials/ranking?${range}`)).statusCode).toBe(403);
    expect(
      (await get(await login("leader-tandinh"), `/api/officials/ranking?${range}&centreId=hcc-ben-nghe`)).statusCode,
    ).toBe(403);

    const put = (s: Session) => putRoster(s, "cb-an,Đinh Văn An,Quầy Hộ tịch 1,T2-CN,00:00,23:59,,");
    expect((await put(supervisor)).statusCode).toBe(403);
    const leader = await login("leader");
    const imported = await put(leader);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ officials: 1, shifts: 1 });
    const after = (await get(supervisor, "/api/roster")).json();
    expect(after.shifts).toHaveLength(1);
    const bad = await putRoster(leader, "cb-an,Đinh Văn An,Quầy 9,T2,08:00,09:00,,");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("Dòng 2");
    const now = (await get(supervisor, `/api/officials/ranking?${range}`)).json();
    expect(now.rows.find((r: { name: string }) => r.name === "Đinh Văn An")?.visits).toBe(1);
  });

  it("shows an official (cán bộ) their own row of the per-official figures and refuses them everything else", async () => {
    const official = await login("canbo-lan");
    const me = (await get(official, "/api/auth/me")).json();
    expect(me.user).toMatchObject({ role: "official", displayName: "Nguyễn Thị Lan", centreId: "hcc-ben-nghe" });
    const range = `from=${T0 - 60_000}&to=${Date.now() + 60_000}`;
    const own = await get(official, `/api/officials/ranking?${range}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().rows.map((r: ComparisonRow) => [r.id, r.name])).toEqual([["cb-lan", "Nguyễn Thị Lan"]]);
    const refused = [
      `/api/officials/ranking?${range}&centreId=hcc-da-kao`,
      "/api/roster",
      "/api/incidents",
      "/api/directory",
      `/api/comparison?${range}`,
      `/api/trends?scope=centre&id=hcc-ben-nghe&period=day&${range}`,
      `/api/export.csv?${range}`,
      "/api/live/tiles",
      "/api/events",
      "/api/agents",
      "/api/audit",
      `/api/reports/monthly/hcc-ben-nghe/${new Date().toISOString().slice(0, 7)}`,
    ];
    for (const url of refused) {
      const res = await get(official, url);
      expect([url, res.statusCode]).toEqual([url, 403]);
      expect(res.json().error.code).toBe("forbidden");
    }
    const page = await get(official, `/reports/monthly/hcc-ben-nghe/${new Date().toISOString().slice(0, 7)}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain("Không có quyền");
    const put = (s: Session) => putRoster(s, "cb-lan,Nguyễn Thị Lan,Quầy Hộ tịch 1,T2-CN,00:00,23:59,,");
    expect((await put(official)).statusCode).toBe(403);
    // A roster re-imported from a CSV (which names no logins) keeps her login linked.
    expect((await put(await login("leader"))).statusCode).toBe(200);
    const after = (await get(official, `/api/officials/ranking?${range}`)).json();
    expect(after.rows.map((r: ComparisonRow) => r.id)).toEqual(["cb-lan"]);
    expect(after.rows[0].visits).toBe(1);
  });

  it("pushes tuning to an agent over MQTT and returns the configVersion it confirmed", async () => {
    const topics = createTopics(BASE);
    await agentClient.subscribeAsync(topics.filters.agentRequests("agent-bn-1"), { qos: 1 });
    agentClient.on("message", (topic, payload) => {
      const d = decode(topic, payload);
      if (!d.ok || d.kind !== "request" || d.message.action !== "config-push") return;
      const response = {
        v: 1 as const,
        txId: d.message.txId,
        ts: Date.now(),
        action: "config-push" as const,
        ok: true as const,
        result: { counterId: d.message.counterId, configVersion: 7, configHash: "a".repeat(64) },
      };
      void agentClient.publishAsync(
        topics.response("agent-bn-1", "config-push"),
        Buffer.from(encode("response", response)),
      );
    });
    const installer = await login("installer");
    const tuning = {
      roi: FULL_FRAME_ROI,
      minFaceSizePx: 48,
      dissatisfiedThreshold: 0.55,
      dwellMs: 2500,
    };
    const leader = await login("leader");
    expect((await send(leader, "PUT", "/api/counters/bn-hotich-1/tuning", tuning)).statusCode).toBe(403);
    const res = await send(installer, "PUT", "/api/counters/bn-hotich-1/tuning", tuning);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ counterId: "bn-hotich-1", configVersion: 7, agentId: "agent-bn-1" });
    const state = (await get(installer, "/api/counters/bn-hotich-1/tuning")).json();
    // Shown as the person, not the login.
    expect(state).toMatchObject({ configVersion: 7, updatedBy: "Võ Minh Em", tuning: { dwellMs: 2500 } });
    const silent = await send(installer, "PUT", "/api/counters/bn-hotich-2/tuning", tuning);
    expect(silent.statusCode).toBe(504);
    expect(silent.json().error.code).toBe("agent_timeout");
  });

  it("refuses an unblurred snapshot to an installer, serves it to an admin and audits that view", async () => {
    const topics = createTopics(BASE);
    await agentClient.subscribeAsync(topics.filters.agentRequests("agent-bn-1"), { qos: 1 });
    const asked: boolean[] = [];
    agentClient.on("message", (topic, payload) => {
      const d = decode(topic, payload);
      if (!d.ok || d.kind !== "request" || d.message.action !== "snapshot") return;
      asked.push(d.message.showFaces);
      const result = {
        counterId: d.message.counterId,
        takenAt: T0,
        width: 8,
        height: 8,
        facesBlurred: !d.message.showFaces,
        jpegBase64: "/9j/",
        faces: [],
        brightness: 100,
        contrast: 40,
      };
      const response = {
        v: 1 as const,
        txId: d.message.txId,
        ts: Date.now(),
        action: "snapshot" as const,
        ok: true as const,
        result,
      };
      void agentClient.publishAsync(
        topics.response("agent-bn-1", "snapshot"),
        Buffer.from(encode("response", response)),
      );
    });
    const route = "/api/agents/agent-bn-1/counters/bn-hotich-1/snapshot";
    const installer = await login("installer");
    const refused = await send(installer, "POST", route, { showFaces: true });
    expect(refused.statusCode).toBe(403);
    expect((await send(installer, "POST", route, { showFaces: false })).statusCode).toBe(200);
    const admin = await login("admin");
    const shown = await send(admin, "POST", route, { showFaces: true });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().facesBlurred).toBe(false);
    // The agent never received the installer's request for faces.
    expect(asked).toEqual([false, true]);
    const audit = await db.sql.query<{ actor: string; target: string }>(
      "SELECT actor, target FROM audit_log WHERE action = 'snapshot.faces'",
    );
    expect(audit).toEqual([{ actor: "admin", target: "bn-hotich-1" }]);
  });

  it("exposes Prometheus metrics, readiness and the OpenAPI document", async () => {
    const metrics = await app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.body).toMatch(/hailong_sms_outbox\{state="pending"\} 1/);
    expect(metrics.body).toContain("hailong_agents");
    expect((await app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({
      ready: true,
      db: true,
      broker: true,
    });
    // production default: the API description is for logged-in admins only
    expect((await app.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(401);
    const leaderDocs = await app.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { cookie: (await login("leader")).cookie },
    });
    expect(leaderDocs.statusCode).toBe(403);
    const docs = await app.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { cookie: (await login("admin")).cookie },
    });
    expect(docs.statusCode).toBe(200);
    expect(docs.json().openapi).toMatch(/^3\./);
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(["/api/incidents", "/api/counters/{counterId}/tuning"]),
    );
  });

  it("streams live events over SSE and lists the audit log to admins only", async () => {
    const admin = await login("admin");
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const abort = new AbortController();
    const response = await fetch(`${address}/api/events`, { headers: { cookie: admin.cookie }, signal: abort.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(chunk.value);
      }
    };
    await readUntil("event: hello");
    const leader = await login("leader-tandinh");
    const id = incidentIds[2] as string;
    expect((await send(leader, "POST", `/api/incidents/${id}/ack`, {})).statusCode).toBe(200);
    await readUntil("event: incident-ack");
    expect(text).toContain(id);
    abort.abort();

    const audit = await get(admin, "/api/audit");
    expect(audit.statusCode).toBe(200);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["incident.ack", "tuning.push", "test-incident", "login"]));
    expect((await get(leader, "/api/audit")).statusCode).toBe(403);
  });

  it("throttles wrong passwords per account, not the whole IP, and says in Vietnamese when to retry", async () => {
    const attempt = (username: string, password: string) =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt("supervisor", "wrong")).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await attempt("supervisor", PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(
      /^Tài khoản này tạm bị khóa .* thử lại sau \d\d:\d\d \(khoảng 15 phút nữa\)\.$/,
    );
    // the same IP (a centre behind one NAT) still logs in with other accounts
    expect((await attempt("leader", PASSWORD)).statusCode).toBe(200);
  });

  it("blocks one IP guessing many accounts", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "203.0.113.9",
        payload: { username: `x${i}`, password: "y" },
      });
      codes.push(res.statusCode);
    }
    expect(codes.at(-1)).toBe(429);
  });
});

async function connectClient(url: string, clientId: string): Promise<MqttClient> {
  const client = connect(url, { clientId, reconnectPeriod: 0, protocolVersion: 4 });
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
  return client;
}
