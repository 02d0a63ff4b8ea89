export { createHub, type Hub, type HubOptions } from "./app/create-hub.js";
export { type HubConfig, HubConfigSchema } from "./config/schema.js";
export { type Demo, type DemoOptions, startDemo } from "./demo/run-demo.js";
export { buildApp } from "./http/build-app.js";
export type { AppDeps } from "./http/ports.js";
export { runHub } from "./main.js";
