import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * How the deployment guide tells you to start an agent: at most two glibc malloc arenas. It acts only at process
 * start, so the agent cannot set it itself; docs/performance.md has the RSS it saves.
 */
export const AGENT_MEMORY_ENV = { MALLOC_ARENA_MAX: "2" };

/**
 * The node flags of the deployment line. `--single-threaded-gc`: V8 collects garbage on the agent's own thread
 * instead of helper threads; with 8 counters its parallel and concurrent GC cost 10–15 % more CPU in all.
 * `--max-semi-space-size=1` (MB): a small young generation; the agent's garbage is mostly frame-sized buffers
 * outside V8's heap, so scavenges stay cheap, and 8 counters' RSS peak falls by 35–50 MB at no measurable CPU
 * (docs/performance.md). Node refuses the first in NODE_OPTIONS and aborts when it is set at run time, so they go
 * on the command line.
 */
export const AGENT_NODE_FLAGS = ["--single-threaded-gc", "--max-semi-space-size=1"];

/** The deployment line's environment and node flags, as an operator types them (for help texts and reports). */
export const AGENT_START_SETTINGS = `MALLOC_ARENA_MAX=${AGENT_MEMORY_ENV.MALLOC_ARENA_MAX} node ${AGENT_NODE_FLAGS.join(" ")}`;

/**
 * Runs a bench child module (a .ts file beside this one, through tsx) in a fresh process holding only the
 * agent's modules, sends it one request over IPC and resolves its one reply.
 */
export function runBenchChild<Request extends object, Reply>(
  moduleUrl: URL,
  request: Request,
  options: { leanMemory: boolean },
): Promise<Reply> {
  const tsx = import.meta.resolve("tsx");
  const child = fork(fileURLToPath(moduleUrl), [], {
    execArgv: [
      ...(options.leanMemory ? AGENT_NODE_FLAGS : []),
      "--import",
      tsx,
      ...(process.env.HAILONG_BENCH_CHILD_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...(options.leanMemory ? AGENT_MEMORY_ENV : {}) },
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let reply: Reply | undefined;
    child.once("message", (message) => {
      reply = message as Reply;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (reply) resolve(reply);
      else reject(new Error(`bench child ${moduleUrl.pathname} exited with code ${code} and no reply`));
    });
    child.send(request);
  });
}
