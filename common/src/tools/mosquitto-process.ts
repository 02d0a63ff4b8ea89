import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HailongError } from "../errors.js";

/** Keys this module always sets itself (or leaves to `lines`); a base config's values for them are dropped. */
const OWNED_KEYS = ["listener", "persistence_location", "allow_anonymous", "password_file", "acl_file", "user"];

export interface MosquittoOptions {
  /** Path (or name on PATH) of the mosquitto binary. */
  binary: string;
  /** Folder for mosquitto.conf and the persistence file; default: a temporary folder that stop() removes. */
  dir?: string;
  /** Default: a free port. */
  port?: number;
  /** A mosquitto.conf to start from (e.g. deploy/mosquitto.conf); its listener, logins and persistence folder are ours. */
  baseConf?: string;
  /** Lines appended after ours (allow_anonymous, password_file, acl_file, ...); keys they set are dropped from baseConf. */
  lines?: readonly string[];
}

/** A private Mosquitto process on a loopback port, owned by whoever started it (a test or a bench). */
export interface MosquittoProcess {
  url: string;
  port: number;
  /** The current process id (for CPU accounting); undefined once killed. */
  readonly pid: number | undefined;
  /** Sends a signal (default SIGTERM; SIGKILL is a crash, nothing saved at exit) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Kills the process if running, then starts it again on the same port with the same config. */
  restart(): Promise<void>;
  /** SIGSTOP: the broker stops answering without closing its connections. */
  pause(): void;
  resume(): void;
  /** Kills the process and removes the folder if this module created it. */
  stop(): Promise<void>;
}

export async function startMosquitto(options: MosquittoOptions): Promise<MosquittoProcess> {
  const port = options.port ?? (await freePort());
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "hailong-mosquitto-"));
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(conf, mosquittoConf(options, port, dir));
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const c = spawn(options.binary, ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    c.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child = c;
    await waitForPort(port, c, () => stderr);
  };
  const kill = async (signal: NodeJS.Signals = "SIGTERM"): Promise<void> => {
    const c = child;
    child = undefined;
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const exited = once(c, "exit");
    // A paused process would hold the signal until continued.
    c.kill("SIGCONT");
    c.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid;
    },
    kill,
    async restart() {
      await kill();
      await launch();
    },
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    async stop() {
      await kill();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mosquittoConf(options: MosquittoOptions, port: number, dir: string): string {
  const lines = options.lines ?? [];
  const dropped = new Set([...OWNED_KEYS, ...lines.map((line) => line.trim().split(/\s+/)[0])]);
  const base = (options.baseConf ? readFileSync(options.baseConf, "utf8") : "")
    .split("\n")
    .filter((line) => !dropped.has(line.trim().split(/\s+/)[0] ?? ""));
  return `${[
    ...base,
    `listener ${port} 127.0.0.1`,
    `persistence_location ${dir}/`,
    // Run as root (a container), Mosquitto would switch to the mosquitto user, who cannot read our temp folder.
    ...(process.getuid?.() === 0 ? ["user root"] : []),
    ...lines,
  ].join("\n")}\n`;
}

/** A TCP port nobody listens on right now (on 127.0.0.1). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until a just-started Mosquitto accepts TCP on `port` (50 ms apart), or fails with its stderr. */
async function waitForPort(port: number, child: ChildProcess, stderr: () => string, attempts = 200): Promise<void> {
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
