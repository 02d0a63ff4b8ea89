import { createSilentLogger } from "@hailong/common";
import { invalidFixtures, validFixtures } from "@hailong/protocol/fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDeadLetters } from "../src/db/repos/dead-letters-repo.js";
import { getIncident } from "../src/db/repos/incidents-repo.js";
import { getVisit } from "../src/db/repos/visits-repo.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createIngestPipeline, type IngestPipeline } from "../src/ingest/pipeline.js";
import { createAgentRegistry } from "../src/registry/agent-registry.js";

const valid = Object.fromEntries(validFixtures().map((f) => [f.name, f]));
const fixture = (name: string) => {
  const f = valid[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};
const encode = (message: unknown) => new TextEncoder().encode(JSON.stringify(message));

describe.each(databaseKinds())("ingest storage on $name", ({ open }) => {
  let t: TestDatabase;
  let pipeline: IngestPipeline;
  beforeEach(async () => {
    t = await open();
    pipeline = createIngestPipeline({
      sql: t.db.sql,
      log: createSilentLogger(),
      baseTopic: "hailong",
      batchMaxMessages: 500,
      batchMaxDelayMs: 5,
      isDatabaseUp: () => t.db.ping(),
    });
  });
  afterEach(async () => {
    await pipeline?.drain();
    await t?.dispose();
  });

  it("a redelivered message is stored once and reported once", async () => {
    const incidents: string[] = [];
    pipeline.subscribe({ onIncident: (e) => void incidents.push(`${e.incident.incidentId}:${e.created}`) });
    const f = fixture("incident");
    await Promise.all([pipeline.submit(f.topic, f.payload), pipeline.submit(f.topic, f.payload)]);
    await pipeline.submit(f.topic, f.payload);
    const rows = await t.db.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM incidents");
    expect(rows[0]?.n).toBe(1);
    expect(incidents).toEqual(["incident00000001:true"]);
    expect(pipeline.metrics.duplicates).toBe(2);
    const stored = await getIncident(t.db.sql, "incident00000001");
    expect(stored).toMatchObject({ counterId: "q7-hotich-1", peak: 0.83, status: "open", test: false });
  });

  it("a visit update with a lower seq never overwrites a newer one", async () => {
    const end = fixture("visit-end");
    const update = fixture("visit-update");
    const start = fixture("visit-start");
    await pipeline.submit(end.topic, end.payload);
    await pipeline.submit(update.topic, update.payload);
    await pipeline.submit(start.topic, start.payload);
    const visit = await getVisit(t.db.sql, "visit000000000001");
    expect(visit).toMatchObject({ seq: 12, status: "ended", score: 64, endedAt: 1763800090000 });
    const later = { ...update.message, id: "01visitupdate999", seq: 13, score: 10 };
    await pipeline.submit(update.topic, encode(later));
    expect((await getVisit(t.db.sql, "visit000000000001"))?.seq).toBe(13);
  });

  it("invalid messages are quarantined with their reason and counted, and the ingest keeps going", async () => {
    for (const f of invalidFixtures()) await pipeline.submit(f.topic, f.payload);
    const start = fixture("visit-start");
    await pipeline.submit(start.topic, start.payload);
    const letters = await listDeadLetters(t.db.sql);
    expect(letters).toHaveLength(invalidFixtures().length);
    const expected = invalidFixtures()
      .map((f) => f.expect.code)
      .sort();
    expect(letters.map((l) => l.reason).sort()).toEqual(expected);
    const counted = Object.values(pipeline.metrics.deadLettered).reduce((a, b) => a + b, 0);
    expect(counted).toBe(invalidFixtures().length);
    expect(await getVisit(t.db.sql, "visit000000000001")).toBeDefined();
  });

  it("a last will stamped with its session's online time marks the agent offline even after health messages", async () => {
    const online = fixture("availability-online");
    const health = fixture("health");
    const sessionTs = (online.message as { ts: number }).ts;
    await pipeline.submit(online.topic, online.payload);
    await pipeline.submit(health.topic, encode({ ...health.message, ts: sessionTs + 10_000 }));
    await pipeline.submit(online.topic, encode({ ...online.message, state: "offline", ts: sessionTs }));
    const registry = createAgentRegistry({ sql: t.db.sql });
    expect((await registry.get("agent-q7-01", sessionTs + 11_000))?.state).toBe("offline");
  });

  it("availability, info and health keep the agent registry current", async () => {
    const changes: string[] = [];
    pipeline.subscribe({ onAvailability: (c) => void changes.push(`${c.agentId}:${c.state}:${c.source}`) });
    const info = fixture("info");
    const online = fixture("availability-online");
    const offline = fixture("availability-offline");
    await pipeline.submit(info.topic, info.payload);
    await pipeline.submit(online.topic, online.payload);
    await pipeline.submit(offline.topic, encode({ ...offline.message, ts: 1763800001000 }));
    // An older online message (e.g. a retained one replayed) never undoes the newer offline.
    await pipeline.submit(online.topic, online.payload);
    const registry = createAgentRegistry({ sql: t.db.sql });
    const [agent] = await registry.list(1763800002000);
    expect(agent).toMatchObject({
      agentId: "agent-q7-01",
      state: "offline",
      online: false,
      configVersion: 3,
      agentVersion: "0.1.0",
      counters: ["q7-hotich-1", "q7-dat-2"],
    });
    const health = fixture("health");
    await pipeline.submit(health.topic, encode({ ...health.message, ts: 1763800005000 }));
    expect((await registry.get("agent-q7-01", 1763800006000))?.online).toBe(true);
    expect(changes).toEqual([
      "agent-q7-01:online:availability",
      "agent-q7-01:offline:availability",
      "agent-q7-01:online:health",
    ]);
  });
});
