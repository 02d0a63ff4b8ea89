import type { AgentDto, DirectoryResponse } from "@hailong/protocol";
import { useApp } from "../app-context.js";
import { formatDateTime } from "../ui/format.js";

export interface Selection {
  agentId: string;
  counterId: string;
}

/** A counter's name from the directory; its id only while the directory is still loading. */
export function counterName(directory: DirectoryResponse | undefined, id: string): string {
  return directory?.counters.find((c) => c.id === id)?.name ?? id;
}

export function CounterPicker(props: {
  agents: readonly AgentDto[];
  directory: DirectoryResponse | undefined;
  value: Selection;
  onChange: (next: Selection) => void;
}) {
  const { t } = useApp();
  const agent = props.agents.find((a) => a.agentId === props.value.agentId);
  const nameOf = (id: string) => counterName(props.directory, id);
  return (
    <div class="controls">
      <label>
        {t("installer.agent")}
        <select
          data-testid="agent-select"
          value={props.value.agentId}
          onChange={(e) => {
            const next = props.agents.find((a) => a.agentId === e.currentTarget.value);
            props.onChange({ agentId: e.currentTarget.value, counterId: next?.counters[0] ?? "" });
          }}
        >
          {props.agents.map((a) => (
            <option key={a.agentId} value={a.agentId}>
              {t("installer.agentLabel", { counters: a.counters.map(nameOf).join(", ") })} —{" "}
              {a.online ? t("tile.online") : t("tile.offlineSince", { time: formatDateTime(a.lastSeen) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("installer.counter")}
        <select
          data-testid="counter-select"
          value={props.value.counterId}
          onChange={(e) => props.onChange({ ...props.value, counterId: e.currentTarget.value })}
        >
          {(agent?.counters ?? []).map((id) => (
            <option key={id} value={id}>
              {nameOf(id)}
            </option>
          ))}
        </select>
      </label>
      {agent && (
        <p class="muted agent-meta">
          {t("installer.agentMeta", {
            version: agent.agentVersion ?? "?",
            config: agent.configVersion ?? "—",
          })}
        </p>
      )}
    </div>
  );
}
