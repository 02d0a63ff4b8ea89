import { readFileSync } from "node:fs";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import type { MqttTls } from "./mqtt-tls.js";
import { redactUrl, splitUserinfo } from "./redact-url.js";

/** Environment variables every MQTT client of a process takes its credentials from. */
export const MQTT_USERNAME_ENV = "HAILONG_MQTT_USERNAME";
export const MQTT_PASSWORD_ENV = "HAILONG_MQTT_PASSWORD";

/** Where and as whom a process connects: one per process, shared by all its clients. */
export interface MqttLink {
  /** Broker URL without userinfo. */
  url: string;
  /** The URL as it may be logged or printed. */
  displayUrl: string;
  username?: string;
  password?: string;
  tls?: MqttTls;
}

/**
 * Builds a process's link from its config and environment. Credentials: HAILONG_MQTT_USERNAME /
 * HAILONG_MQTT_PASSWORD, else userinfo in the URL (tolerated, never logged), else the configured username.
 */
export function mqttLink(
  settings: { url: string; username?: string | undefined; tls?: MqttTls | undefined },
  env: NodeJS.ProcessEnv,
): MqttLink {
  const split = splitUserinfo(settings.url);
  const username = env[MQTT_USERNAME_ENV] || split.username || settings.username;
  const password = env[MQTT_PASSWORD_ENV] || split.password;
  return {
    url: split.url,
    displayUrl: redactUrl(split.url),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(settings.tls ? { tls: settings.tls } : {}),
  };
}

/** What differs between the clients of one process. */
export interface MqttSessionOptions {
  clientId: string;
  clean: boolean;
  protocolVersion?: 4 | 5;
  properties?: IClientOptions["properties"];
  keepaliveS?: number;
  will?: IClientOptions["will"];
  resubscribe?: boolean;
  customHandleAcks?: IClientOptions["customHandleAcks"];
  /** First reconnect delay; doubled after each failed attempt up to maxReconnectMs, reset on connect. */
  reconnectMs?: number;
  /** Default: reconnectMs (a fixed period, no backoff). */
  maxReconnectMs?: number;
}

/**
 * The one place a hailong process opens an MQTT connection: credentials, TLS, client id and will all come
 * through here, so a setting cannot reach one client and miss another. Never waits: the client connects
 * and reconnects (with backoff) in the background; callers watch `connected` and the "connect" event.
 */
export function connectMqtt(link: MqttLink, session: MqttSessionOptions): MqttClient {
  const first = session.reconnectMs ?? 2_000;
  const max = Math.max(first, session.maxReconnectMs ?? first);
  const client = mqtt.connect(link.url, {
    clientId: session.clientId,
    clean: session.clean,
    protocolVersion: session.protocolVersion ?? 4,
    ...(session.properties ? { properties: session.properties } : {}),
    ...(session.keepaliveS ? { keepalive: session.keepaliveS } : {}),
    ...(session.will ? { will: session.will } : {}),
    ...(session.resubscribe === undefined ? {} : { resubscribe: session.resubscribe }),
    ...(session.customHandleAcks ? { customHandleAcks: session.customHandleAcks } : {}),
    reconnectPeriod: first,
    connectTimeout: 10_000,
    ...(link.username ? { username: link.username } : {}),
    ...(link.password ? { password: link.password } : {}),
    ...tlsOptions(link.tls),
  });
  if (first > 0 && max > first) {
    client.on("connect", () => {
      client.options.reconnectPeriod = first;
    });
    // mqtt.js schedules the next attempt before this listener runs: the doubled delay applies to the one after.
    client.on("close", () => {
      client.options.reconnectPeriod = Math.min(max, (client.options.reconnectPeriod ?? first) * 2);
    });
  }
  return client;
}

function tlsOptions(tls: MqttTls | undefined): Partial<IClientOptions> {
  if (tls === undefined) return {};
  return {
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
    ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
  };
}

/** Resolves on the client's first "connect"; rejects on a refused connection (bad credentials, ACL). */
export function firstConnect(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const onConnect = (): void => {
      client.off("error", onError);
      resolve();
    };
    const onError = (error: Error): void => {
      client.off("connect", onConnect);
      reject(error);
    };
    client.once("connect", onConnect);
    client.once("error", onError);
  });
}
