import { parseArgs } from "node:util";
import { runHubBench } from "./ingest-bench.js";

// `npm run bench:hub -w @hailong/central-hub -- --agents 20 --rate 500 --seconds 10 --broker mosquitto`
// until the lead wires `hailong bench hub`.
const { values } = parseArgs({
  options: {
    agents: { type: "string", default: "20" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "10" },
    broker: { type: "string", default: "mosquitto" },
    workers: { type: "string", default: "1" },
    db: { type: "string" },
  },
});
await runHubBench({
  agents: Number(values.agents),
  rate: Number(values.rate),
  durationS: Number(values.seconds),
  broker: values.broker,
  workers: Number(values.workers),
  ...(values.db === undefined ? {} : { dbUrl: values.db }),
});
