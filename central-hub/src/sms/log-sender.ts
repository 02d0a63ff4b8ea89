import type { Logger } from "@hailong/common";
import type { SmsSender } from "./sender.js";

/** Without Twilio credentials the hub still records every SMS (status `logged`) and writes it to the log. */
export function createLogSender(log: Logger): SmsSender {
  const smsLog = log.child({ module: "sms-log-sender" });
  return {
    name: "log",
    async send(sms) {
      smsLog.info({ outboxId: sms.outboxId, to: sms.to, body: sms.body }, "sms logged (no twilio credentials)");
      return { kind: "logged" };
    },
    // Nothing ever leaves the hub, so nothing can have been sent already.
    async findSent() {
      return { kind: "absent" };
    },
  };
}
