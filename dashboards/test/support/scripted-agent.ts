import { randomUUID } from "node:crypto";
import { createTopics, encode, INCIDENT_MESSAGE_VERSION, PROTOCOL_VERSION } from "@hailong/protocol";
import mqtt from "mqtt";

/**
 * A real MQTT client acting as an agent on the hub's broker, with the agent's issued secret: it says it is
 * online, reports a healthy camera, and raises the incidents a test scripts (start phase, protocol v2), so a
 * browser test gets exact incidents at exact times without running the models.
 */
export async function startScriptedAgent(options: {
  mqttUrl: string;
  agentId: string;
  counterId: string;
  password: string;
}): Promise<{ raiseIncident(onset: number, peak: number): Promise<string>; stop(): Promise<void> }> {
  const topics = createTopics();
  const client = await mqtt.connectAsync(options.mqttUrl, {
    username: options.agentId,
    password: options.password,
    clientId: `${options.agentId}-scripted`,
    reconnectPeriod: 0,
  });
  const base = { v: PROTOCOL_VERSION, agentId: options.agentId } as const;
  const now = Date.now();
  await client.publishAsync(
    topics.agentAvailability(options.agentId),
    Buffer.from(encode("availability", { ...base, state: "online", ts: now })),
    { qos: 1, retain: true },
  );
  await client.publishAsync(
    topics.counter(options.counterId, "health"),
    Buffer.from(
      encode("health", {
        ...base,
        id: randomUUID(),
        counterId: options.counterId,
        ts: now,
        cameraState: "ok",
        fps: 5,
        capturedFrames: 100,
        droppedFrames: 0,
        inferenceMs: 40,
        degraded: false,
        outboxPending: 0,
        outboxDropped: 0,
        modelIds: [],
      }),
    ),
    { qos: 1 },
  );
  return {
    async raiseIncident(onset, peak) {
      const incidentId = randomUUID();
      const ts = Math.max(onset + 2000, Date.now());
      await client.publishAsync(
        topics.counter(options.counterId, "incident"),
        Buffer.from(
          encode("incident", {
            ...base,
            v: INCIDENT_MESSAGE_VERSION,
            id: randomUUID(),
            counterId: options.counterId,
            ts,
            incidentId,
            visitId: randomUUID(),
            phase: "start",
            onset,
            peak,
            peakAt: onset + 1000,
            durationMs: 2000,
            episodes: 1,
            lastSeenAt: onset + 2000,
            threshold: 0.4,
            test: false,
          }),
        ),
        { qos: 1 },
      );
      return incidentId;
    },
    stop: () => client.endAsync(),
  };
}
