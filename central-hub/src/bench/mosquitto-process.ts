import { type MosquittoProcess, startMosquitto as startMosquittoProcess } from "@hailong/common";

/** A private Mosquitto on a free port, configured from deploy/mosquitto.conf (minus persistence, listener and logins). */
export async function startMosquitto(options: {
  confFile: string;
  workDir: string;
  binary?: string;
}): Promise<MosquittoProcess> {
  return startMosquittoProcess({
    binary: options.binary ?? "mosquitto",
    dir: options.workDir,
    baseConf: options.confFile,
    // The bench's simulated agents connect anonymously to a broker nobody else can reach.
    lines: ["allow_anonymous true", "persistence false"],
  });
}
