export * from "./broker.js";
export * from "./config-error.js";
export * from "./system-tools.js";
