/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Formats epoch ms as local Ho Chi Minh City time, e.g. "14:05 22/11/2026". */
export function formatLocalTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("vi-VN", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(ms);
}

export function page(title: string, body: string, style = ""): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:42rem;padding:1rem;line-height:1.4;color:#1a1a1a}h1{font-size:1.3rem}.muted{color:#666}.ok{color:#0a6b2d}.bad{color:#a4161a}button{font-size:1.1rem;padding:.8rem 1.2rem;width:100%;border:0;border-radius:.5rem;background:#0b5cad;color:#fff}textarea{width:100%;box-sizing:border-box;font:inherit}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}${style}</style></head><body>${body}</body></html>`;
}
