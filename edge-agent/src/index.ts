export * from "./config/schema.js";
export { CONFIG_EXIT_CODE, loadAgentConfig, runAgentCommand } from "./main.js";
export { type Agent, type AgentDeps, type AgentStatus, createAgent, type ModelRef } from "./mqtt/agent.js";
export type { CounterPipeline, CounterStats, OutboundEvent } from "./pipeline/types.js";
