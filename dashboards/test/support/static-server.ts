import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".map": "application/json",
};

/**
 * Serves a built dist folder only (no API): the smoke test checks that the bundle boots and shows the
 * login page when the hub is unreachable. It is not a stand-in for the hub; e2e.test.ts uses the real one.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    if (url.pathname.startsWith("/api/")) {
      response.writeHead(503, { "content-type": "text/plain" }).end("no hub in the static smoke test");
      return;
    }
    const file = path.join(root, path.normalize(url.pathname === "/" ? "/index.html" : url.pathname));
    try {
      const body = await readFile(file.startsWith(root) ? file : path.join(root, "index.html"));
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch (error) {
      response.writeHead(404, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
