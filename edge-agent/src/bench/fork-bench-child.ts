import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * How the deployment guide tells you to start an agent: at most two glibc malloc arenas. It acts only at process
 * start, so the agent cannot set it itself; docs/performance.md has the RSS it saves.
 */
export const AGENT_MEMORY_ENV = { MALLOC_ARENA_MAX: "2" };

/**
 * The node flag of the deployment line: V8 collects garbage on the agent's own thread instead of helper threads.
 * With 8 counters its parallel and concurrent GC cost 10–15 % more CPU in all than this (docs/performance.md);
 * node refuses it in NODE_OPTIONS and aborts when it is set at run time, so it goes on the command line.
 */
export const AGENT_NODE_FLAGS = ["--single-threaded-gc"];

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
