import { createHmac, timingSafeEqual } from "node:crypto";
import type { SqlClient } from "../db/sql-client.js";
import type { AckTokenResolver } from "../http/ports.js";

/**
 * Stateless acknowledgement tokens for SMS links: base64url(incidentId|personId) + "." + truncated HMAC.
 * Short (fits one SMS segment with the link), bound to one incident and one recipient, unforgeable
 * without the hub's secret (HAILONG_SESSION_SECRET).
 */
export interface AckTokens extends AckTokenResolver {
  mint(incidentId: string, personId: string): string;
}

const MAC_BYTES = 12;

export function createAckTokens(secret: string, sql: SqlClient): AckTokens {
  if (secret.length < 16) throw new Error("ack token secret must have at least 16 characters");
  const mac = (payload: string) => createHmac("sha256", secret).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    mint(incidentId, personId) {
      const payload = Buffer.from(`${incidentId}|${personId}`).toString("base64url");
      return `${payload}.${mac(payload).toString("base64url")}`;
    },
    async resolve(token) {
      const [payload, signature] = token.split(".");
      if (!payload || !signature) return undefined;
      const expected = mac(payload);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const [incidentId, personId] = Buffer.from(payload, "base64url").toString("utf8").split("|");
      if (!incidentId || !personId) return undefined;
      const [person] = await sql.query<{ name: string }>("SELECT name FROM people WHERE id = ?", [personId]);
      return person ? { incidentId, personId, personName: person.name } : undefined;
    },
  };
}
