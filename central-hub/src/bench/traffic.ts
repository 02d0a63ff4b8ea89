import { newId } from "@hailong/protocol";

/**
 * What one agent with three counters sends: visits (start, updates every ~5 s, end), a score window per
 * counter every 10 s, health every 30 s, and an incident in one visit out of twelve. Pure, given `now`.
 */
export function createAgentTraffic(agentId: string): { next(now: number): { topic: string; payload: string } } {
  const counters = [0, 1, 2].map((i) => `${agentId}-c${i}`);
  const visits = counters.map(() => ({ visitId: "", seq: 0, startedAt: 0 }));
  let step = 0;
  const shares = { very_satisfied: 0.2, satisfied: 0.5, neutral: 0.2, dissatisfied: 0.1 };
  return {
    next(now) {
      step++;
      const c = step % counters.length;
      const counterId = counters[c] as string;
      const base = { v: 1, id: newId(now), agentId, counterId, ts: now };
      const topic = (channel: string) => `hailong/counter/${counterId}/${channel}`;
      if (step % 97 === 0) {
        const health = {
          ...base,
          cameraState: "ok",
          fps: 10,
          capturedFrames: 600,
          droppedFrames: 3,
          inferenceMs: 12,
          degraded: false,
          outboxPending: 0,
          outboxDropped: 0,
          modelIds: ["bench"],
        };
        return { topic: topic("health"), payload: JSON.stringify(health) };
      }
      if (step % 31 === 0) {
        const score = {
          ...base,
          windowStart: now - 10_000,
          windowEnd: now,
          visits: 1,
          observedMs: 8000,
          shares,
          score: 66,
        };
        return { topic: topic("score"), payload: JSON.stringify(score) };
      }
      const visit = visits[c] as { visitId: string; seq: number; startedAt: number };
      if (visit.visitId !== "" && step % 59 === 0) {
        const incident = {
          ...base,
          incidentId: newId(now),
          visitId: visit.visitId,
          onset: now - 2000,
          peak: 0.8,
          peakAt: now - 500,
          durationMs: 2000,
          threshold: 0.5,
          test: false,
        };
        return { topic: topic("incident"), payload: JSON.stringify(incident) };
      }
      const kind = visit.visitId === "" ? "start" : visit.seq >= 6 ? "end" : "update";
      if (kind === "start") Object.assign(visit, { visitId: newId(now), seq: 0, startedAt: now });
      else visit.seq++;
      const event = {
        ...base,
        kind,
        visitId: visit.visitId,
        seq: visit.seq,
        startedAt: visit.startedAt,
        ...(kind === "end" ? { endedAt: now } : {}),
        durationMs: now - visit.startedAt,
        frames: 10 * visit.seq,
        shares,
        score: 66,
        level: "satisfied",
      };
      if (kind === "end") visit.visitId = "";
      return { topic: topic("visit"), payload: JSON.stringify(event) };
    },
  };
}
