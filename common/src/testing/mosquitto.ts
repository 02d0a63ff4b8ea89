import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { toolAvailable } from "./system-tools.js";

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

/** The mosquitto binary, or undefined after one visible skip line (see toolAvailable). */
export function mosquittoBinary(): string | undefined {
  const found = find("mosquitto");
  return toolAvailable("Mosquitto", found !== undefined, "apt-get install mosquitto") ? found : undefined;
}

/** A Mosquitto password file with these users (hashed by mosquitto_passwd). */
export function writePasswordFile(passwdTool: string, file: string, users: Record<string, string>): void {
  writeFileSync(file, "");
  for (const [user, password] of Object.entries(users)) execFileSync(passwdTool, ["-b", file, user, password]);
}
