export * from "./codec.js";
export * from "./ids.js";
export * from "./messages/agent.js";
export * from "./messages/common.js";
export * from "./messages/counter.js";
export * from "./messages/request.js";
export * from "./messages/tuning.js";
export * from "./topics.js";
