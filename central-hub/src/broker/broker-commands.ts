import { writeFile } from "node:fs/promises";
import { loadHubConfig } from "../config/load.js";
import { openConfiguredDatabase } from "../db/open-database.js";
import { listCredentialedAgents } from "../db/repos/agent-credentials-repo.js";
import { listCounterAssignments } from "../db/repos/counter-assignments-repo.js";
import { createAgentCredentials } from "../registry/agent-credentials.js";
import { mosquittoAcl } from "./mosquitto-acl.js";

interface Output {
  write(text: string): unknown;
}

/** `hailong broker acl`: writes Mosquitto's ACL from the hub's directory (to `out`, or to stdout). */
export async function runWriteAcl(options: { configFile?: string; out?: string; stdout: Output }): Promise<void> {
  const config = loadHubConfig(options.configFile);
  const db = await openConfiguredDatabase(config.db);
  try {
    const acl = mosquittoAcl({
      baseTopic: config.mqtt.baseTopic,
      hubUsername: config.mqtt.username,
      assignments: await listCounterAssignments(db.sql),
      agents: await listCredentialedAgents(db.sql),
    });
    if (options.out === undefined) options.stdout.write(acl);
    else await writeFile(options.out, acl, { mode: 0o640 });
  } finally {
    await db.close();
  }
}

/** `hailong broker credentials <agentId>`: issues the agent a new MQTT secret and prints it once. */
export async function runIssueCredential(options: { configFile?: string; agentId: string; stdout: Output }) {
  const config = loadHubConfig(options.configFile);
  const db = await openConfiguredDatabase(config.db);
  try {
    const issued = await createAgentCredentials({ sql: db.sql }).issue(options.agentId);
    options.stdout.write(
      `agent ${issued.agentId}: MQTT username ${issued.username}\n` +
        `Set on the agent's machine (shown once, only its hash is kept):\n` +
        `  HAILONG_MQTT_PASSWORD=${issued.password}\n` +
        `With Mosquitto, also add it to the broker's password file:\n` +
        `  mosquitto_passwd -b /etc/mosquitto/passwd ${issued.username} '<the password above>'\n`,
    );
  } finally {
    await db.close();
  }
}
