export * from "./broker.js";
export * from "./config-error.js";
