import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { HailongError } from "@hailong/common";

/** A private Mosquitto on a free port, configured from deploy/mosquitto.conf (minus persistence, listener and logins). */
export interface MosquittoProcess {
  url: string;
  /** For the bench's CPU accounting. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startMosquitto(options: {
  confFile: string;
  workDir: string;
  binary?: string;
}): Promise<MosquittoProcess> {
  const port = await freePort();
  const base = readFileSync(options.confFile, "utf8")
    .split("\n")
    .filter(
      (line) =>
        !/^\s*(listener|persistence|persistence_location|autosave_interval|autosave_on_changes|allow_anonymous|password_file|acl_file)\b/.test(
          line,
        ),
    )
    .join("\n");
  const conf = join(options.workDir, "mosquitto.conf");
  // The bench's simulated agents connect anonymously to a broker nobody else can reach.
  writeFileSync(conf, `${base}\nlistener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child = spawn(options.binary ?? "mosquitto", ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitForPort(port, child, () => stderr);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new HailongError("HAILONG_ERR_INTERNAL", "no free port");
  return address.port;
}

/** Waits until a just-started Mosquitto accepts TCP on `port` (50 ms apart), or fails with its stderr. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  stderr: () => string,
  attempts = 100,
): Promise<void> {
  const { connect } = await import("node:net");
  for (let i = 0; i < attempts; i++) {
    if (child.exitCode !== null) {
      throw new HailongError("HAILONG_ERR_INTERNAL", `mosquitto exited: ${stderr().slice(0, 500)}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new HailongError("HAILONG_ERR_INTERNAL", `mosquitto did not listen on ${port}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
