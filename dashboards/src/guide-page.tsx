import { useApp } from "./app-context.js";
import type { MessageKey } from "./i18n/messages.js";

const STEPS: MessageKey[] = ["guide.step1", "guide.step2", "guide.step3", "guide.step4", "guide.step5"];

/** The installation guide the "no agent connected yet" empty state points to. */
export function GuidePage() {
  const { t } = useApp();
  return (
    <section class="card guide" aria-labelledby="guide-title">
      <h1 id="guide-title">{t("guide.title")}</h1>
      <ol>
        {STEPS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <p class="muted">{t("guide.privacy")}</p>
    </section>
  );
}
