import { describe, expect, it } from "vitest";
import { invalidFixtures, validFixtures } from "../fixtures/index.js";
import { decode, encode, MESSAGE_SCHEMAS } from "./codec.js";
import { incidentPhase } from "./messages/counter.js";
import type { MessageKind } from "./topics.js";

describe("wire codec", () => {
  const valid = validFixtures();
  const invalid = invalidFixtures();

  it("has a golden fixture for every message kind", () => {
    const kinds = new Set(
      valid.map((f) => (decode(f.topic, f.payload).ok ? (decode(f.topic, f.payload) as { kind: string }).kind : "")),
    );
    expect([...kinds].sort()).toEqual(Object.keys(MESSAGE_SCHEMAS).sort());
  });

  it.each(
    valid.map((f) => [f.name, f] as const),
  )("valid fixture %s round-trips through encode/decode", (_name, fixture) => {
    const first = decode(fixture.topic, fixture.payload);
    if (!first.ok) throw new Error(`${fixture.name}: ${first.error.message}`);
    expect(first.message).toEqual(fixture.message);
    const again = decode(fixture.topic, encode(first.kind as MessageKind, first.message as never));
    expect(again).toEqual(first);
  });

  it.each(
    invalid.map((f) => [f.name, f] as const),
  )("invalid fixture %s is rejected with its specific error", (_name, fixture) => {
    const result = decode(fixture.topic, fixture.payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(fixture.expect.code);
    if (fixture.expect.path !== undefined) expect(result.error.path).toBe(fixture.expect.path);
  });

  it.each(
    valid.map((f) => [f.name, f] as const),
  )("valid fixture %s plus an image field is rejected", (_name, fixture) => {
    const withImage = new TextEncoder().encode(JSON.stringify({ ...fixture.message, image: "/9j/4AAQSkZJRg==" }));
    const result = decode(fixture.topic, withImage);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_message", path: "image" } });
  });

  it("never throws on arbitrary bytes", () => {
    const garbage = [
      new Uint8Array([0xff, 0xfe, 0x00]),
      new Uint8Array(0),
      new TextEncoder().encode("null"),
      new TextEncoder().encode("[1,2]"),
    ];
    for (const bytes of garbage) {
      expect(decode("hailong/counter/c1/visit", bytes).ok).toBe(false);
    }
  });

  it("allows a snapshot response to be larger than ordinary messages but still bounds it", () => {
    const fixture = valid.find((f) => f.name === "response-snapshot");
    if (!fixture) throw new Error("missing fixture");
    const message = structuredClone(fixture.message) as { result: { jpegBase64: string } };
    message.result.jpegBase64 = "A".repeat(500_000);
    expect(decode(fixture.topic, new TextEncoder().encode(JSON.stringify(message))).ok).toBe(true);
    const huge = new Uint8Array(3 * 1024 * 1024);
    expect(decode(fixture.topic, huge)).toMatchObject({ ok: false, error: { code: "too_large" } });
  });

  it("decodes under a configured base topic", () => {
    const fixture = valid[0];
    if (!fixture) throw new Error("no fixtures");
    const topic = fixture.topic.replace(/^hailong\//, "ward7/hailong/");
    expect(decode(topic, fixture.payload, { base: "ward7/hailong" }).ok).toBe(true);
    expect(decode(topic, fixture.payload).ok).toBe(false);
  });

  it("refuses to encode an invalid message", () => {
    expect(() => encode("availability", { v: 1, agentId: "a/b", state: "online", ts: 1 } as never)).toThrow();
  });
});

describe("incident lifecycle (v2) next to v1", () => {
  const byName = new Map(validFixtures().map((f) => [f.name, f]));
  it("a v1 incident still decodes and reads as the start of a one-episode incident", () => {
    const v1 = byName.get("incident");
    if (!v1) throw new Error("missing fixture");
    const result = decode(v1.topic, v1.payload);
    if (!result.ok || result.kind !== "incident") throw new Error("v1 incident did not decode");
    expect(result.message.v).toBe(1);
    expect(incidentPhase(result.message)).toBe("start");
    expect(result.message.episodes ?? 1).toBe(1);
  });

  it("v2 start, update and end of one incident decode with their phase and share the incident id", () => {
    const phases = ["start", "update", "end"].map((phase) => {
      const fixture = byName.get(`incident-v2-${phase}`);
      if (!fixture) throw new Error(`missing fixture incident-v2-${phase}`);
      const result = decode(fixture.topic, fixture.payload);
      if (!result.ok || result.kind !== "incident") throw new Error(`${phase} did not decode`);
      return result.message;
    });
    expect(phases.map((m) => incidentPhase(m))).toEqual(["start", "update", "end"]);
    expect(new Set(phases.map((m) => m.incidentId)).size).toBe(1);
    expect(phases[2]?.endedAt).toBeGreaterThan(phases[2]?.lastSeenAt ?? Number.POSITIVE_INFINITY);
  });

  it("an unknown phase or a version 3 incident is refused", () => {
    const fixture = byName.get("incident-v2-update");
    if (!fixture) throw new Error("missing fixture");
    const bad = (over: Record<string, unknown>) =>
      decode(fixture.topic, new TextEncoder().encode(JSON.stringify({ ...fixture.message, ...over })));
    expect(bad({ phase: "resume" })).toMatchObject({ ok: false, error: { code: "invalid_message", path: "phase" } });
    expect(bad({ v: 3 })).toMatchObject({ ok: false, error: { code: "invalid_message", path: "v" } });
  });
});
