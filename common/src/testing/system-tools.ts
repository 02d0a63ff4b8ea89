/**
 * A test that needs a system tool (Chromium, Mosquitto, PostgreSQL) asks here. When the tool is missing
 * the test skips with one visible line naming it; when HAILONG_REQUIRE_TOOLS is set (.ci/run sets it), a
 * missing tool fails the run instead, so CI can never skip those tests silently.
 */
export function toolAvailable(tool: string, available: boolean, hint: string, env = process.env): boolean {
  if (available) return true;
  if (env.HAILONG_REQUIRE_TOOLS) {
    throw new Error(`${tool} is required here (HAILONG_REQUIRE_TOOLS is set) but missing: ${hint}`);
  }
  process.stderr.write(`SKIPPED: needs ${tool} (${hint})\n`);
  return false;
}
