import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { apiErrorBody } from "./api-error.js";
import { page } from "./pages/html.js";

/**
 * Serves the built dashboards at `/` with an SPA fallback (unknown non-API GETs get index.html).
 * Without a build, `/` explains how to make one instead of answering 404.
 */
export async function registerDashboards(app: FastifyInstance, dir: string | undefined): Promise<void> {
  const built = dir !== undefined && existsSync(join(dir, "index.html"));
  if (built) await app.register(fastifyStatic, { root: dir, prefix: "/", wildcard: false, index: "index.html" });
  app.setNotFoundHandler((request, reply) => {
    const apiLike = request.url.startsWith("/api/") || request.url.startsWith("/a/");
    if (request.method !== "GET" || apiLike) {
      return reply.code(404).send(apiErrorBody("not_found", `no route ${request.method} ${request.url.split("?")[0]}`));
    }
    if (built) return reply.type("text/html; charset=utf-8").sendFile("index.html");
    return reply
      .code(503)
      .type("text/html; charset=utf-8")
      .send(
        page(
          "hailong",
          "<h1>Giao diện chưa được dựng</h1><p>Máy chủ chỉ phục vụ giao diện đã dựng sẵn. Quản trị viên: chạy <code>npm run build</code> rồi khởi động lại (lệnh <code>hailong hub</code> tự dựng khi chưa có).</p>",
        ),
      );
  });
}
