// Child-process entry: register tsx's loader, then run the TypeScript swarm.
import { register } from "tsx/esm/api";

register();
await import("./agent-swarm.ts");
