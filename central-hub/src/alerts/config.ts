import { z } from "zod";

/** `alerts:` section of the hub config: when an incident becomes an SMS. */
export const AlertsConfigSchema = z
  .object({
    cooldownMinutes: z
      .number()
      .min(0)
      .max(240)
      .default(5)
      .describe("after an SMSed incident, further incidents on the same counter are recorded but not SMSed"),
    hourlyCapPerRecipient: z.number().int().min(1).max(100).default(6).describe("most SMS one person gets per hour"),
    ackWindowMinutes: z
      .number()
      .min(1)
      .max(240)
      .default(10)
      .describe("unacknowledged incidents escalate to the next person in the chain after this long"),
    offlineGraceMinutes: z
      .number()
      .min(1)
      .max(240)
      .default(5)
      .describe("a counter offline longer than this raises one 'offline' SMS (and one 'recovered')"),
    healthStaleMinutes: z
      .number()
      .min(1)
      .max(60)
      .default(3)
      .describe("a counter with no health message for this long counts as offline"),
    escalationMaxAgeHours: z
      .number()
      .min(1)
      .max(72)
      .default(12)
      .describe("incidents older than this no longer escalate"),
    tickSeconds: z.number().min(1).max(300).default(15).describe("how often escalations and outages are checked"),
  })
  .strict();
export type AlertsConfig = z.infer<typeof AlertsConfigSchema>;
