import type { Logger } from "@hailong/common";
import type { SmsConfig } from "../sms/config.js";
import { twilioCredentialsFromEnv } from "../sms/config.js";
import { createLogSender } from "../sms/log-sender.js";
import type { SmsSender } from "../sms/sender.js";
import { createTwilioSender } from "../sms/twilio-sender.js";

/** Twilio when HAILONG_TWILIO_ACCOUNT_SID/AUTH_TOKEN are set, otherwise every SMS goes to the log. */
export function createSmsSender(input: {
  sms: SmsConfig;
  env: NodeJS.ProcessEnv;
  log: Logger;
  publicBaseUrl: string;
}): SmsSender {
  const credentials = twilioCredentialsFromEnv(input.env);
  if (!credentials) {
    input.log.warn({}, "no twilio credentials: SMS are written to the log");
    return createLogSender(input.log);
  }
  return createTwilioSender({
    ...credentials,
    ...(input.sms.from ? { from: input.sms.from } : {}),
    ...(input.sms.messagingServiceSid ? { messagingServiceSid: input.sms.messagingServiceSid } : {}),
    ...(input.sms.twilio.baseUrl ? { baseUrl: input.sms.twilio.baseUrl } : {}),
    timeoutMs: input.sms.requestTimeoutMs,
    ...(input.sms.statusCallback ? { statusCallbackUrl: `${input.publicBaseUrl.replace(/\/$/, "")}/sms/status` } : {}),
  });
}
