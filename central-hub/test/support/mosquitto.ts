import { type MosquittoProcess, startMosquitto } from "@hailong/common";

export { freePort } from "@hailong/common";
export { mosquittoTools, writePasswordFile } from "@hailong/common/testing";

export type TestMosquitto = MosquittoProcess;

/**
 * Our own Mosquitto on a free port: `baseConf` (e.g. deploy/mosquitto.conf) with its listener and
 * persistence_location replaced by ours, plus `extra` lines (password_file, acl_file, ...).
 */
export function startTestMosquitto(options: {
  binary: string;
  dir: string;
  baseConf?: string;
  extra?: string[];
  /** Default: a free port. */
  port?: number;
}): Promise<TestMosquitto> {
  const { extra, ...rest } = options;
  return startMosquitto({ ...rest, lines: extra ?? [] });
}
