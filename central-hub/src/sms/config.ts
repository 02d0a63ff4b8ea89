import { z } from "zod";

/** `sms:` section of the hub config. Twilio credentials come from the environment only (see twilio-env.ts). */
export const SmsConfigSchema = z
  .object({
    encoding: z
      .enum(["unaccented", "accented"])
      .default("unaccented")
      .describe("unaccented: Vietnamese folded to GSM-7, 160 chars/segment; accented: UCS-2, 70 chars/segment"),
    maxSegments: z.number().int().min(1).max(4).default(1).describe("texts are shortened to fit (never the link)"),
    from: z.string().min(1).max(32).optional().describe("Twilio sender number (E.164) or alphanumeric sender id"),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/)
      .optional()
      .describe("Twilio Messaging Service; used instead of `from` when set"),
    validityMinutes: z
      .number()
      .int()
      .min(1)
      .max(600)
      .default(10)
      .describe("an SMS not sent within this time is marked expired instead of arriving late"),
    statusCallback: z
      .boolean()
      .default(true)
      .describe("ask Twilio to POST delivery receipts to {http.publicBaseUrl}/sms/status"),
    requestTimeoutMs: z.number().int().min(500).max(60_000).default(10_000).describe("per Twilio API request"),
    leaseMs: z
      .number()
      .int()
      .min(1_000)
      .max(600_000)
      .default(30_000)
      .describe("after this long an unfinished send is reconciled with Twilio by another attempt"),
    twilio: z
      .object({
        baseUrl: z
          .string()
          .url()
          .optional()
          .describe("Twilio-compatible API origin (test double, proxy); default: the real Twilio API"),
      })
      .strict()
      .default({})
      .describe("Twilio client settings"),
  })
  .strict();
export type SmsConfig = z.infer<typeof SmsConfigSchema>;

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

/** HAILONG_TWILIO_ACCOUNT_SID / HAILONG_TWILIO_AUTH_TOKEN; undefined means "log SMS instead of sending". */
export function twilioCredentialsFromEnv(env: NodeJS.ProcessEnv): TwilioCredentials | undefined {
  const accountSid = env.HAILONG_TWILIO_ACCOUNT_SID?.trim();
  const authToken = env.HAILONG_TWILIO_AUTH_TOKEN?.trim();
  if (!accountSid || !authToken) return undefined;
  return { accountSid, authToken };
}
