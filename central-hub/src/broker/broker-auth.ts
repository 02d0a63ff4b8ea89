import { timingSafeEqual } from "node:crypto";
import type { Logger } from "@hailong/common";
import { createTopics } from "@hailong/protocol";
import type { AedesOptions, AuthenticateError, Client } from "aedes";
import { agentMayPublish, agentMaySubscribe, countersOf } from "./agent-acl.js";

type Identity = { role: "hub" } | { role: "agent"; agentId: string };

export interface BrokerAuthDeps {
  /** The hub's own clients log in with these. */
  hub: { username: string; password: string };
  verifyAgent(agentId: string, password: string): Promise<boolean>;
  /** Counter id -> agent id, from the directory. */
  assignments(): Promise<ReadonlyMap<string, string>>;
  /** false: any logged-in agent may publish and subscribe anywhere (to test the hub's own check). */
  acl: boolean;
  baseTopic: string;
  log: Logger;
}

export type BrokerAuth = Required<Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe">>;

/** The embedded broker's door: every client logs in (the hub, or an agent with its issued secret) and agents
 * stay within their own topics. */
export function createBrokerAuth(deps: BrokerAuthDeps): BrokerAuth {
  const log = deps.log.child({ module: "broker-auth" });
  const topics = createTopics(deps.baseTopic);
  const identities = new WeakMap<Client, Identity>();
  const refuse = (): AuthenticateError => Object.assign(new Error("bad username or password"), { returnCode: 4 });

  const identify = async (username: string | undefined, password: string): Promise<Identity | undefined> => {
    if (username === undefined || password === "") return undefined;
    if (username === deps.hub.username) return sameSecret(password, deps.hub.password) ? { role: "hub" } : undefined;
    return (await deps.verifyAgent(username, password)) ? { role: "agent", agentId: username } : undefined;
  };

  return {
    authenticate: (client, username, password, done) => {
      identify(username, password?.toString("utf8") ?? "")
        .then((identity) => {
          if (identity === undefined) {
            log.warn({ clientId: client.id, username }, "mqtt login refused");
            return done(refuse(), false);
          }
          identities.set(client, identity);
          done(null, true);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, "mqtt login check failed");
          done(Object.assign(new Error("login check failed"), { returnCode: 3 }), false);
        });
    },
    authorizePublish: (client, packet, done) => {
      const identity = client === null ? undefined : identities.get(client);
      if (client === null || identity?.role === "hub" || !deps.acl) return done(null);
      if (identity === undefined) return done(new Error("not logged in"));
      deps
        .assignments()
        .then((assignments) => {
          if (agentMayPublish(topics, identity.agentId, countersOf(assignments, identity.agentId), packet.topic)) {
            return done(null);
          }
          log.warn({ agentId: identity.agentId, topic: packet.topic.slice(0, 200) }, "mqtt publish refused");
          done(new Error("not authorized"));
        })
        .catch((error: unknown) => done(error as Error));
    },
    authorizeSubscribe: (client, subscription, done) => {
      const identity = identities.get(client);
      if (identity?.role === "hub" || (identity !== undefined && !deps.acl)) return done(null, subscription);
      if (identity !== undefined && agentMaySubscribe(topics, identity.agentId, subscription.topic)) {
        return done(null, subscription);
      }
      log.warn({ clientId: client.id, topic: subscription.topic.slice(0, 200) }, "mqtt subscription refused");
      // A null subscription answers SUBACK 0x80 (refused) without closing the connection.
      done(null, null);
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
