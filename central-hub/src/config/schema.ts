import { MqttTlsSchema } from "@hailong/common";
import { z } from "zod";
import { AlertsConfigSchema } from "../alerts/config.js";
import { SmsConfigSchema } from "../sms/config.js";

/*
 * The hub's config file (`hailong hub --config hub.yaml`), loaded with `loadConfig` from @hailong/common.
 * Secrets (Twilio credentials, session secret, database password inside a URL) come from the environment only.
 * `sms` and `alerts` are described by the alerts/SMS modules' own schemas.
 */

export const MqttConfigSchema = z
  .object({
    embedded: z
      .object({
        port: z.number().int().min(0).max(65535).default(1883).describe("TCP port of the embedded aedes broker"),
        host: z
          .string()
          .default("127.0.0.1")
          .describe("interface the embedded broker listens on; 0.0.0.0 to accept agents on other machines"),
        acl: z
          .boolean()
          .default(true)
          .describe("agents publish only their own topics and counters (false only to test the hub's own check)"),
      })
      .strict()
      .default({ port: 1883, host: "127.0.0.1", acl: true })
      .describe("embedded broker settings; used when `url` is not set"),
    url: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\//)
      .optional()
      .describe("external broker (e.g. mqtt://mosquitto:1883); when set no embedded broker is started"),
    username: z
      .string()
      .min(1)
      .default("hub")
      .describe("MQTT username of the hub's clients; the password comes from HAILONG_MQTT_PASSWORD"),
    tls: MqttTlsSchema.optional().describe("TLS settings for an mqtts:// broker"),
    baseTopic: z.string().default("hailong").describe("MQTT base topic shared with the agents"),
    clientId: z
      .string()
      .min(1)
      .max(64)
      .default("hailong-hub")
      .describe("fixed client id: the broker keeps this persistent session's QoS 1 queue while the hub is down"),
    sharedGroup: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional()
      .describe("MQTT v5 shared-subscription group: hubs with the same group split the message load"),
    batchMaxMessages: z.number().int().min(1).max(10_000).default(500).describe("messages stored per transaction"),
    batchMaxDelayMs: z.number().int().min(0).max(5_000).default(20).describe("longest wait before a batch is stored"),
    journalDir: z
      .string()
      .min(1)
      .optional()
      .describe(
        "folder of the ingest journal (messages acked before their commit, stored again after a crash); default: " +
          "ingest-journal-<clientId> beside the SQLite file, or under var/ with PostgreSQL",
      ),
  })
  .strict();

export const DbConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/)
      .default("sqlite:var/hub.sqlite")
      .describe("sqlite:<path> (default) or postgres://user@host:port/db selects PostgreSQL"),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional()
      .describe("PostgreSQL only: schema for the hub's tables, created if missing (default: the server's search_path)"),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .default(400)
      .describe("raw score windows, health samples, dedupe ids and dead letters older than this are pruned"),
  })
  .strict();

export const HttpConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(8080).describe("dashboard/API port"),
    host: z.string().default("0.0.0.0").describe("interface the API listens on"),
    publicBaseUrl: z
      .string()
      .url()
      .default("http://localhost:8080")
      .describe("URL leaders reach the dashboard at; used for links in SMS; https makes cookies Secure"),
    trustProxy: z
      .boolean()
      .default(false)
      .describe("behind a TLS-terminating proxy: trust X-Forwarded-Proto (https makes cookies Secure)"),
    apiDocs: z
      .enum(["admins", "public"])
      .default("admins")
      .describe("who may read /api/docs: logged-in admins (production) or anyone (the offline demo)"),
  })
  .strict();

export const DirectoryConfigSchema = z
  .object({
    seedFile: z
      .string()
      .optional()
      .describe("YAML directory (wards, centres, counters, departments, people) loaded idempotently at start"),
  })
  .strict();

export const ReportsConfigSchema = z
  .object({
    targetRate: z
      .number()
      .min(0)
      .max(100)
      .default(90)
      .describe("target tỷ lệ hài lòng (%) of every centre without a target of its own"),
    centreTargets: z
      .record(z.string().min(1).max(64), z.number().min(0).max(100))
      .default({})
      .describe("target tỷ lệ hài lòng (%) by centre id"),
    chromiumPath: z
      .string()
      .default("/usr/bin/chromium")
      .describe("Chromium (or Chrome) that prints report PDFs; the printable page works without it"),
  })
  .strict();

export const HubConfigSchema = z
  .object({
    mqtt: MqttConfigSchema.default(MqttConfigSchema.parse({})).describe("broker and ingest"),
    db: DbConfigSchema.default(DbConfigSchema.parse({})).describe("storage"),
    http: HttpConfigSchema.default(HttpConfigSchema.parse({})).describe("dashboard and API"),
    sms: SmsConfigSchema.default(SmsConfigSchema.parse({})).describe("SMS delivery (Twilio)"),
    alerts: AlertsConfigSchema.default(AlertsConfigSchema.parse({})).describe("alert policy"),
    directory: DirectoryConfigSchema.default(DirectoryConfigSchema.parse({})).describe("directory seed"),
    reports: ReportsConfigSchema.default(ReportsConfigSchema.parse({})).describe("targets and report printing"),
    timezone: z
      .literal("Asia/Ho_Chi_Minh")
      .default("Asia/Ho_Chi_Minh")
      .describe("local time for rollups and opening hours (fixed UTC+7, no DST)"),
  })
  .strict();

export type HubConfig = z.infer<typeof HubConfigSchema>;
export type MqttConfig = z.infer<typeof MqttConfigSchema>;
