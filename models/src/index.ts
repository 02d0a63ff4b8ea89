export * from "./manifest.js";
export * from "./types.js";
