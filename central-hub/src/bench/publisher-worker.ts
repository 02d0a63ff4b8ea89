import { parentPort, workerData } from "node:worker_threads";
import mqtt from "mqtt";
import { publishFor } from "./publish.js";

/** Runs simulated agents in a worker thread so publishing does not compete with the ingest's event loop. */
const data = workerData as { brokerUrl: string; firstAgent: number; agents: number; rate: number; durationS: number };
const clients = [];
for (let a = 0; a < data.agents; a++) clients.push(await mqtt.connectAsync(data.brokerUrl, { reconnectPeriod: 0 }));
parentPort?.postMessage({ type: "ready" });
await new Promise<void>((resolve) => parentPort?.once("message", () => resolve()));
const published = await publishFor(clients, data.firstAgent, data.rate, data.durationS);
await Promise.all(clients.map((c) => c.endAsync()));
parentPort?.postMessage({ type: "done", published });
