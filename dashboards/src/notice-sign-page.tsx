import noticeSign from "../../docs/notice-sign.vi.md?raw";
import { useApp } from "./app-context.js";
import { markdownToHtml } from "./ui/markdown.js";

const SIGN_HTML = markdownToHtml(noticeSign);

/** The printable notice sign for citizens (docs/notice-sign.vi.md): always Vietnamese, it hangs at the counter. */
export function NoticeSignPage() {
  const { t } = useApp();
  return (
    <>
      <p class="no-print controls">
        <button type="button" onClick={() => window.print()}>
          {t("sign.print")}
        </button>
      </p>
      <article
        class="notice-sign"
        lang="vi"
        data-testid="notice-sign"
        dangerouslySetInnerHTML={{ __html: SIGN_HTML }}
      />
    </>
  );
}
