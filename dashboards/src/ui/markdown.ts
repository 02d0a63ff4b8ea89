/**
 * The small Markdown subset the install guide and the notice sign in docs/ are written in, to HTML: headings,
 * paragraphs, bullet and numbered lists, pipe tables, horizontal rules, **bold**, *italic*, `code` and
 * [links](url). Text is escaped first, so the output carries only the tags made here.
 */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
      /^(https?:|#|\.{0,2}\/|mailto:|tel:)/.test(href) ? `<a href="${href}">${label}</a>` : label,
    );
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());

function table(rows: string[]): string {
  const [head = "", , ...body] = rows;
  const th = cells(head).map((c) => `<th>${inlineMarkdown(c)}</th>`);
  const trs = body.map(
    (r) =>
      `<tr>${cells(r)
        .map((c) => `<td>${inlineMarkdown(c)}</td>`)
        .join("")}</tr>`,
  );
  return `<table><thead><tr>${th.join("")}</tr></thead><tbody>${trs.join("")}</tbody></table>`;
}

type Block = { kind: "p" | "ul" | "ol" | "table"; lines: string[] };

function renderBlock(block: Block): string {
  if (block.kind === "table") return table(block.lines);
  if (block.kind === "p") return `<p>${inlineMarkdown(block.lines.join(" "))}</p>`;
  const items = block.lines.map((l) => `<li>${inlineMarkdown(l)}</li>`).join("");
  return `<${block.kind}>${items}</${block.kind}>`;
}

export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  let block: Block | undefined;
  const flush = () => {
    if (block) out.push(renderBlock(block));
    block = undefined;
  };
  const add = (kind: Block["kind"], line: string) => {
    if (block?.kind !== kind) flush();
    block ??= { kind, lines: [] };
    block.lines.push(line);
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === "") flush();
    else if (heading) {
      flush();
      const level = (heading[1] as string).length;
      out.push(`<h${level}>${inlineMarkdown(heading[2] as string)}</h${level}>`);
    } else if (/^(-{3,}|\*{3,})$/.test(line.trim())) {
      flush();
      out.push("<hr>");
    } else if (line.trim().startsWith("|")) add("table", line);
    else if (bullet) add("ul", bullet[1] as string);
    else if (numbered) add("ol", numbered[1] as string);
    else if ((block?.kind === "ul" || block?.kind === "ol") && /^\s{2,}/.test(raw)) {
      block.lines[block.lines.length - 1] += ` ${line.trim()}`;
    } else add("p", line.trim());
  }
  flush();
  return out.join("\n");
}
