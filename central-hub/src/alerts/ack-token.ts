import { randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Acknowledgement link token: 12 base62 characters from the CSPRNG (~71 bits), one per incident and
 * recipient, so a link acknowledges one incident and says who clicked it. Short, because it rides in a
 * 160-character SMS.
 */
export function newAckToken(length = 12): string {
  let token = "";
  for (let i = 0; i < length; i++) token += ALPHABET[randomInt(ALPHABET.length)];
  return token;
}

export const ACK_TOKEN_PATTERN = /^[0-9A-Za-z]{8,32}$/;

export function ackUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/a/${token}`;
}
