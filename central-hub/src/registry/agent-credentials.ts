import { randomBytes } from "node:crypto";
import { HailongError } from "@hailong/common";
import { isValidId } from "@hailong/protocol";
import { hash, verify } from "@node-rs/argon2";
import { findAgentSecretHash, saveAgentCredential } from "../db/repos/agent-credentials-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import type { IssuedAgentCredential } from "../http/ports.js";

export interface AgentCredentials {
  /** A new random secret for the agent (revoking the previous one); only its argon2 hash is stored. */
  issue(agentId: string): Promise<IssuedAgentCredential>;
  verify(agentId: string, password: string): Promise<boolean>;
}

export function createAgentCredentials(deps: { sql: SqlClient; now?: () => number }): AgentCredentials {
  const now = deps.now ?? Date.now;
  return {
    async issue(agentId) {
      if (!isValidId(agentId)) throw new HailongError("HAILONG_ERR_USAGE", `invalid agent id "${agentId}"`);
      const password = randomBytes(24).toString("base64url");
      await saveAgentCredential(deps.sql, agentId, await hash(password), now());
      return { agentId, username: agentId, password };
    },
    async verify(agentId, password) {
      const stored = await findAgentSecretHash(deps.sql, agentId);
      if (stored === undefined) return false;
      return verify(stored, password).catch(() => false);
    },
  };
}
