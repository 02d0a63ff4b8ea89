export { ApiHttpError } from "./api-error.js";
export { createMemorySessionStore } from "./auth.js";
export { buildApp } from "./build-app.js";
export type * from "./ports.js";
