import { Readable } from "node:stream";
import { EXPORT_CSV_COLUMNS, ExportQuerySchema, formatVietnamDateTime } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiHttpError } from "../api-error.js";
import { requireAuth } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { csvLine } from "../csv.js";
import type { VisitExportRow } from "../ports.js";
import { LEVEL_LABELS } from "../report-words.js";
import { canSeeCentre, scopeDirectory } from "../scope.js";

export function registerExportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/export.csv",
    { schema: { tags: ["reports"], querystring: ExportQuerySchema } },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const q = request.query;
      if (q.to <= q.from) throw new ApiHttpError("bad_request", "`to` must be after `from`");
      if (q.centreId !== undefined && !canSeeCentre(user, q.centreId))
        throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const centreName = new Map(directory.centres.map((c) => [c.id, c.name]));
      const departmentName = new Map(directory.departments.map((d) => [d.id, d.name]));
      const counters = new Map(
        directory.counters.filter((c) => q.centreId === undefined || c.centreId === q.centreId).map((c) => [c.id, c]),
      );
      const rows = ctx.deps.exporter.visits([...counters.keys()], q.from, q.to);
      async function* lines(): AsyncGenerator<string> {
        // BOM: Excel then reads the UTF-8 (Vietnamese names) correctly.
        yield `\uFEFF${csvLine([...EXPORT_CSV_COLUMNS])}`;
        for await (const row of rows as AsyncIterable<VisitExportRow>) {
          const counter = counters.get(row.counterId);
          const percent = (share: number) => Math.round(share * 1000) / 10;
          yield csvLine([
            row.visitId,
            counter ? (centreName.get(counter.centreId) ?? "") : "",
            counter?.name ?? "",
            counter?.departmentId ? (departmentName.get(counter.departmentId) ?? "") : "",
            formatVietnamDateTime(row.startedAt),
            row.endedAt === null ? "" : formatVietnamDateTime(row.endedAt),
            Math.round(row.durationMs / 1000),
            Math.round(row.score * 10) / 10,
            (LEVEL_LABELS as Record<string, string>)[row.level] ?? "",
            percent(row.shares.very_satisfied),
            percent(row.shares.satisfied),
            percent(row.shares.neutral),
            percent(row.shares.dissatisfied),
          ]);
        }
      }
      const name = `hailong-${q.centreId ?? "all"}-${new Date(q.from).toISOString().slice(0, 10)}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(Readable.from(lines()));
    },
  );
}
