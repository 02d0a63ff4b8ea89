export { createHub, type Hub, type HubOptions } from "./app/create-hub.js";
export { type HubConfig, HubConfigSchema } from "./config/schema.js";
export { DEMO_CENTRE_ID, DEMO_LOGINS, DEMO_PASSWORD, demoDirectorySeed } from "./directory/demo-directory.js";
export { buildApp } from "./http/build-app.js";
export type { AppDeps } from "./http/ports.js";
export { runHub, stopOnSignals } from "./main.js";
