import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the hub answers while its database is not reachable yet. */
const WAITING_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>hailong</title>
<p>Hệ thống đang chờ kết nối tới cơ sở dữ liệu. Vui lòng thử lại sau ít phút.</p></html>`;

export interface WaitingHttp {
  /** The port it listens on: the real app takes it over, so a configured port 0 keeps one address. */
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A placeholder on the hub's HTTP port while a dependency is awaited: /healthz alive, /readyz not ready (what a
 * load balancer or systemd check reads), every other path a Vietnamese "please retry" page with Retry-After.
 */
export async function startWaitingHttp(options: {
  port: number;
  host: string;
  waitingFor: string;
}): Promise<WaitingHttp> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/healthz") return json(response, 200, { ok: true });
    if (path === "/readyz")
      return json(response, 503, { ready: false, db: false, broker: false, waitingFor: options.waitingFor });
    response.writeHead(503, { "content-type": "text/html; charset=utf-8", "retry-after": "10" });
    response.end(WAITING_PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(response: import("node:http").ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
