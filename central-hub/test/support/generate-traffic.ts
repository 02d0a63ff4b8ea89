import { SATISFACTION_LEVELS, type SatisfactionLevel } from "@hailong/protocol";

const encoder = new TextEncoder();
export const DAY = 86_400_000;
export const START = Date.UTC(2026, 9, 20, 0, 0); // spans a month boundary and several weeks

export function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

interface Message {
  topic: string;
  payload: Uint8Array;
}

/** Visits with start/update/end events and incidents, some redelivered, delivered in shuffled order. */
export function generateTraffic(counters: string[], visits: number, random: () => number) {
  const messages: Message[] = [];
  const acks: Array<{ incidentId: string; at: number }> = [];
  let n = 0;
  const id = () => `m${(n++).toString().padStart(12, "0")}`;
  for (let v = 0; v < visits; v++) {
    const counterId = counters[Math.floor(random() * counters.length)] as string;
    const startedAt = START + Math.floor(random() * 40 * DAY);
    const durationMs = 30_000 + Math.floor(random() * 600_000);
    const level = SATISFACTION_LEVELS[Math.floor(random() * 4)] as SatisfactionLevel;
    const a = random();
    const b = random() * (1 - a);
    const shares = { very_satisfied: a, satisfied: b, neutral: (1 - a - b) / 2, dissatisfied: (1 - a - b) / 2 };
    const visitId = `visit${v.toString().padStart(10, "0")}`;
    const base = { v: 1, agentId: "agent-gen", counterId, visitId, startedAt, frames: 10, shares, level };
    const topic = `hailong/counter/${counterId}/visit`;
    const events = [
      { ...base, id: id(), ts: startedAt, kind: "start", seq: 0, durationMs: 0, score: 50 },
      { ...base, id: id(), ts: startedAt + 5000, kind: "update", seq: 1, durationMs: 5000, score: 55 },
      {
        ...base,
        id: id(),
        ts: startedAt + durationMs,
        kind: "end",
        seq: 2,
        endedAt: startedAt + durationMs,
        durationMs,
        score: Math.round(random() * 1000) / 10,
      },
    ];
    for (const e of events) messages.push({ topic, payload: encoder.encode(JSON.stringify(e)) });
    if (random() < 0.1) messages.push(messages[messages.length - 1] as Message); // redelivered end
    if (random() < 0.3) {
      const onset = startedAt + 10_000;
      const incidentId = `inc${v.toString().padStart(10, "0")}`;
      const incident = {
        v: 1,
        id: id(),
        agentId: "agent-gen",
        counterId,
        ts: onset + 2000,
        incidentId,
        visitId,
        onset,
        peak: 0.8,
        peakAt: onset + 1000,
        durationMs: 2000,
        threshold: 0.5,
        test: random() < 0.1,
      };
      messages.push({
        topic: `hailong/counter/${counterId}/incident`,
        payload: encoder.encode(JSON.stringify(incident)),
      });
      if (random() < 0.6) acks.push({ incidentId, at: onset + 5_000 + Math.floor(random() * 900_000) });
    }
  }
  for (let i = messages.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [messages[i], messages[j]] = [messages[j] as Message, messages[i] as Message];
  }
  return { messages, acks };
}
