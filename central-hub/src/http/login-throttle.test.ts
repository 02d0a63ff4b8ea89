import { describe, expect, it } from "vitest";
import { createLoginThrottle, retryMessage } from "./login-throttle.js";

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0); // 09:00 in Ho Chi Minh City

describe("login throttle", () => {
  it("wrong passwords for one account from a shared IP do not lock the other people behind it", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 9; i++) throttle.failed("lan", "10.0.0.1", T0 + i * 1000);
    expect(throttle.check("lan", "10.0.0.1", T0 + 10_000)).toMatchObject({ allowed: false, by: "account" });
    expect(throttle.check("minh", "10.0.0.1", T0 + 10_000)).toEqual({ allowed: true });
  });

  it("an account under attack from many IPs stays locked for 15 minutes, then opens", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) throttle.failed("admin", `198.51.100.${i}`, T0 + i);
    const verdict = throttle.check("admin", "10.0.0.9", T0 + 60_000);
    expect(verdict).toEqual({ allowed: false, by: "account", retryAt: T0 + 4 + 15 * 60_000 });
    expect(throttle.check("admin", "10.0.0.9", T0 + 16 * 60_000)).toEqual({ allowed: true });
  });

  it("one IP guessing many accounts is blocked for a minute", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 30; i++) throttle.failed(`user${i}`, "203.0.113.7", T0 + i);
    expect(throttle.check("someone", "203.0.113.7", T0 + 100)).toMatchObject({ allowed: false, by: "ip" });
    expect(throttle.check("someone", "203.0.113.7", T0 + 61_000)).toEqual({ allowed: true });
  });

  it("a successful login clears the account's failures", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 4; i++) throttle.failed("lan", "10.0.0.1", T0 + i);
    throttle.succeeded("lan");
    throttle.failed("lan", "10.0.0.1", T0 + 10);
    expect(throttle.check("lan", "10.0.0.1", T0 + 20)).toEqual({ allowed: true });
  });

  it("says in Vietnamese when to try again", () => {
    const message = retryMessage({ by: "account", retryAt: T0 + 15 * 60_000 }, T0, "Asia/Ho_Chi_Minh");
    expect(message).toBe(
      "Tài khoản này tạm bị khóa vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau 09:15 (khoảng 15 phút nữa).",
    );
  });
});
