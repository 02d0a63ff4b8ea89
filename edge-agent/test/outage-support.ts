import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolAvailable } from "@hailong/common/testing";

/**
 * A TCP relay between the agent and the broker, so a test decides when the agent may reach the broker
 * again (e.g. only after the test's subscriber is back). `block()` drops every relayed connection and
 * refuses new ones, as a network outage would.
 */
export interface Relay {
  url: string;
  block(): void;
  unblock(): void;
  close(): Promise<void>;
}

export async function startRelay(targetPort: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let blocked = false;
  const server: Server = createServer((inbound) => {
    if (blocked) {
      inbound.destroy();
      return;
    }
    const outbound = connect(targetPort, "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      // A reset on one side ends the pair; the error itself is the outage being simulated.
      s.on("error", () => s.destroy());
    }
    inbound.on("close", () => outbound.destroy());
    outbound.on("close", () => inbound.destroy());
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    block() {
      blocked = true;
      for (const s of sockets) s.destroy();
    },
    unblock() {
      blocked = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function mosquittoBinary(): string | undefined {
  const found = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"].find((p) => existsSync(p));
  return toolAvailable("Mosquitto", found !== undefined, "apt-get install mosquitto") ? found : undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not open`);
}

/** A Mosquitto process owned by the test: in-memory only, unlimited queues, loopback listener. */
export interface MosquittoProcess {
  url: string;
  port: number;
  /** SIGTERM and wait for exit (sessions and queues are lost: persistence is off). */
  kill(): Promise<void>;
  /** Starts a fresh process on the same port. */
  restart(): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startMosquitto(binary: string): Promise<MosquittoProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "hailong-mosquitto-"));
  const conf = join(dir, "mosquitto.conf");
  writeFileSync(
    conf,
    [`listener ${port} 127.0.0.1`, "allow_anonymous true", "persistence false", "max_queued_messages 0", ""].join("\n"),
  );
  let child: ChildProcess | undefined;
  const spawnIt = async () => {
    child = spawn(binary, ["-c", conf], { stdio: "ignore" });
    await waitForPort(port);
  };
  const kill = async () => {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null) return;
    const exited = once(current, "exit");
    current.kill("SIGCONT");
    current.kill("SIGTERM");
    await exited;
  };
  await spawnIt();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      await kill();
      await spawnIt();
    },
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
