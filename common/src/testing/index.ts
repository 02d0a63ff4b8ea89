export * from "./broker.js";
export * from "./config-error.js";
export * from "./mosquitto.js";
export * from "./shared-dir.js";
export * from "./system-tools.js";
export * from "./until.js";
