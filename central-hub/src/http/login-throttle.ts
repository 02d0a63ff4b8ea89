/**
 * Failed-login throttling, per account and per client IP kept apart (pure, in memory, clock passed in).
 * A centre sits behind one NAT: a few wrong passwords there must not lock out everyone behind that IP, so the
 * IP limit is generous and short, while an account under attack (many failures for one username, from
 * anywhere) is locked longer. A successful login clears the account's failures.
 */
export interface LoginThrottleConfig {
  account: { maxFailures: number; windowMs: number; lockMs: number };
  ip: { maxFailures: number; windowMs: number; lockMs: number };
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 10 * 60_000, lockMs: 60_000 },
};

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; by: "account" | "ip"; retryAt: number };

export interface LoginThrottle {
  check(username: string, ip: string, now: number): ThrottleVerdict;
  failed(username: string, ip: string, now: number): void;
  succeeded(username: string): void;
}

export function createLoginThrottle(config: LoginThrottleConfig = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const accounts = new Map<string, Entry>();
  const ips = new Map<string, Entry>();

  const lockedUntil = (map: Map<string, Entry>, key: string, now: number) => {
    const entry = map.get(key);
    return entry && entry.lockedUntil > now ? entry.lockedUntil : undefined;
  };
  const record = (map: Map<string, Entry>, key: string, now: number, limits: LoginThrottleConfig["ip"]) => {
    const entry = map.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = [...entry.failures.filter((t) => now - t < limits.windowMs), now];
    if (entry.failures.length >= limits.maxFailures) {
      entry.lockedUntil = now + limits.lockMs;
      entry.failures = [];
    }
    map.set(key, entry);
  };

  return {
    check(username, ip, now) {
      const account = lockedUntil(accounts, username.toLowerCase(), now);
      if (account !== undefined) return { allowed: false, by: "account", retryAt: account };
      const byIp = lockedUntil(ips, ip, now);
      if (byIp !== undefined) return { allowed: false, by: "ip", retryAt: byIp };
      return { allowed: true };
    },
    failed(username, ip, now) {
      record(accounts, username.toLowerCase(), now, config.account);
      record(ips, ip, now, config.ip);
    },
    succeeded(username) {
      accounts.delete(username.toLowerCase());
    },
  };
}

/** "Thử lại sau 14:05 (khoảng 15 phút nữa)." in the centre's time zone. */
export function retryMessage(verdict: { by: "account" | "ip"; retryAt: number }, now: number, timeZone: string) {
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const minutes = Math.max(1, Math.ceil((verdict.retryAt - now) / 60_000));
  const who =
    verdict.by === "account"
      ? "Tài khoản này tạm bị khóa vì nhập sai mật khẩu nhiều lần."
      : "Máy này tạm bị chặn đăng nhập vì có quá nhiều lần nhập sai.";
  return `${who} Vui lòng thử lại sau ${clock.format(verdict.retryAt)} (khoảng ${minutes} phút nữa).`;
}
