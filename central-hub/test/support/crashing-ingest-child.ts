// A hub ingest in its own process, for the crash test: it acks messages on receipt (journaling them) but never
// commits (a minute-long batch delay), reports how many it received over IPC, and is killed with SIGKILL.
import { createSilentLogger, mqttLink } from "@hailong/common";
import { openDatabase } from "../../src/db/open-database.js";
import { createIngestJournal } from "../../src/ingest/journal.js";
import { createMqttIngest } from "../../src/ingest/mqtt-ingest.js";
import { createIngestPipeline } from "../../src/ingest/pipeline.js";

export interface CrashingIngestRequest {
  brokerUrl: string;
  clientId: string;
  baseTopic: string;
  sqlitePath: string;
  journalDir: string;
}

process.once("message", async (raw) => {
  const request = raw as CrashingIngestRequest;
  const log = createSilentLogger();
  const db = await openDatabase(`sqlite:${request.sqlitePath}`);
  const pipeline = createIngestPipeline({
    sql: db.sql,
    log,
    baseTopic: request.baseTopic,
    batchMaxMessages: 10_000,
    batchMaxDelayMs: 5_000,
    isDatabaseUp: () => db.ping(),
  });
  const ingest = createMqttIngest({
    pipeline,
    log,
    journal: createIngestJournal({ dir: request.journalDir, log }),
    options: {
      link: mqttLink({ url: request.brokerUrl }, {}),
      clientId: request.clientId,
      baseTopic: request.baseTopic,
      reconnectPeriodMs: 0,
    },
  });
  await ingest.start();
  process.send?.({ started: true });
  setInterval(() => process.send?.({ received: pipeline.metrics.received }), 20);
});
