import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { waitForPort } from "../../src/bench/mosquitto-process.js";

const BINARIES = {
  mosquitto: ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"],
  mosquitto_passwd: ["/usr/bin/mosquitto_passwd", "/usr/sbin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd"],
};

function find(tool: keyof typeof BINARIES): string | undefined {
  return BINARIES[tool].find((p) => existsSync(p));
}

/** The Mosquitto tools a test needs, or the name of the first one missing (the test skips, saying so). */
export function mosquittoTools(): { mosquitto: string; passwd: string } | { missing: string } {
  const mosquitto = find("mosquitto");
  const passwd = find("mosquitto_passwd");
  if (mosquitto === undefined) return { missing: "mosquitto (apt-get install -y mosquitto)" };
  if (passwd === undefined) return { missing: "mosquitto_passwd (apt-get install -y mosquitto)" };
  return { mosquitto, passwd };
}

/** A Mosquitto password file with these users (hashed by mosquitto_passwd). */
export function writePasswordFile(passwdTool: string, file: string, users: Record<string, string>): void {
  writeFileSync(file, "");
  for (const [user, password] of Object.entries(users)) execFileSync(passwdTool, ["-b", file, user, password]);
}

export interface TestMosquitto {
  url: string;
  port: number;
  /** Sends a signal (SIGKILL: a crash, nothing saved at exit) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port with the same config (and persistence folder). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Our own Mosquitto on a free port: `baseConf` (e.g. deploy/mosquitto.conf) with its listener and
 * persistence_location replaced by ours, plus `extra` lines (password_file, acl_file, ...).
 */
export async function startTestMosquitto(options: {
  binary: string;
  dir: string;
  baseConf?: string;
  extra?: string[];
  /** Default: a free port. */
  port?: number;
}): Promise<TestMosquitto> {
  const port = options.port ?? (await freePort());
  const base = (options.baseConf ? readFileSync(options.baseConf, "utf8") : "")
    .split("\n")
    .filter((line) => !/^\s*(listener|persistence_location|allow_anonymous|password_file|acl_file|user)\b/.test(line));
  const conf = join(options.dir, "mosquitto.conf");
  const lines = [
    ...base,
    `listener ${port} 127.0.0.1`,
    `persistence_location ${options.dir}/`,
    // Run as root (a container), Mosquitto would switch to the mosquitto user, who cannot read our temp folder.
    ...(process.getuid?.() === 0 ? ["user root"] : []),
    ...(options.extra ?? []),
  ];
  writeFileSync(conf, `${lines.join("\n")}\n`);
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const c = spawn(options.binary, ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    c.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child = c;
    await waitForPort(port, c, () => stderr, 200);
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(signal);
    });
  };
  await launch();
  return { url: `mqtt://127.0.0.1:${port}`, port, kill, restart: launch, stop: () => kill("SIGTERM") };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}
