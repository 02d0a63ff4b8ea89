import { z } from "zod";

/** TLS settings of an `mqtts://` link, shared by the hub's and the agent's config files. */
export const MqttTlsSchema = z
  .object({
    caFile: z.string().min(1).optional().describe("PEM file of the CA that signed the broker's certificate"),
    certFile: z.string().min(1).optional().describe("PEM client certificate, when the broker asks for one"),
    keyFile: z.string().min(1).optional().describe("PEM private key of certFile"),
    rejectUnauthorized: z
      .boolean()
      .default(true)
      .describe("refuse a broker whose certificate does not verify (false only for a lab)"),
  })
  .strict();
export type MqttTls = z.infer<typeof MqttTlsSchema>;
