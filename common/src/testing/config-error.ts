import { ConfigError } from "../errors.js";

/** Runs fn and returns the ConfigError it throws; fails the test when it throws nothing or something else. */
export function catchConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
