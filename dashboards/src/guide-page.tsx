import installEn from "../../docs/install.en.md?raw";
import installVi from "../../docs/install.vi.md?raw";
import { useApp } from "./app-context.js";
import { markdownToHtml } from "./ui/markdown.js";

const GUIDE_HTML = { vi: markdownToHtml(installVi), en: markdownToHtml(installEn) };

/** The installation guide (docs/install.vi.md, English twin docs/install.en.md), readable without signing in. */
export function GuidePage() {
  const { lang } = useApp();
  return (
    <article
      class="card guide doc"
      data-testid="install-guide"
      dangerouslySetInnerHTML={{ __html: GUIDE_HTML[lang] }}
    />
  );
}
