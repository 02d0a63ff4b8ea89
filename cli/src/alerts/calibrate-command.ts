import {
  type AlertCalibration,
  AlertCalibrationApplyResponseSchema,
  AlertCalibrationSchema,
  API_ROUTES,
} from "@hailong/protocol";
import { loginToHub } from "./hub-client.js";

export interface CalibrateOptions {
  hubUrl: string;
  username: string;
  password: string;
  counterId: string;
  /** Without it nothing changes: the evidence and the proposal are printed only. */
  confirm: boolean;
  stdout: { write(text: string): unknown };
}

/** `hailong alerts calibrate`: prints the evidence (Vietnamese, for the person deciding) and, confirmed, applies it. */
export async function runCalibrate(o: CalibrateOptions): Promise<number> {
  const print = (line: string) => o.stdout.write(`${line}\n`);
  const login = await loginToHub(o.hubUrl, o.username, o.password);
  if (!login.ok) {
    print(`Không đăng nhập được vào hub (${login.status}): ${login.message}`);
    return 1;
  }
  const hub = login.value;
  const evidence = await hub.get(API_ROUTES.alertCalibration(o.counterId), AlertCalibrationSchema);
  if (!evidence.ok) {
    print(`Không lấy được bằng chứng của quầy ${o.counterId} (${evidence.status}): ${evidence.message}`);
    return 1;
  }
  for (const line of describeEvidence(evidence.value)) print(line);
  const proposed = evidence.value.proposedThreshold;
  if (proposed === null) {
    print("Không đề xuất thay đổi ngưỡng: ngưỡng hiện tại được giữ nguyên.");
    return 0;
  }
  if (!o.confirm) {
    print(`Chưa áp dụng. Chạy lại với --confirm để đẩy ngưỡng ${decimal(proposed)} xuống thiết bị.`);
    return 0;
  }
  const applied = await hub.post(
    API_ROUTES.alertCalibration(o.counterId),
    { threshold: proposed },
    AlertCalibrationApplyResponseSchema,
  );
  if (!applied.ok) {
    print(`Không áp dụng được (${applied.status}): ${applied.message}`);
    return 1;
  }
  const a = applied.value;
  print(
    `Đã áp dụng ngưỡng ${decimal(a.threshold)} (trước đó ${decimal(a.previousThreshold)}); ` +
      `thiết bị ${a.agentId} xác nhận cấu hình phiên bản ${a.configVersion}.`,
  );
  return 0;
}

/** The evidence in the words a leader reads on the dashboard. */
export function describeEvidence(e: AlertCalibration): string[] {
  const lines = [
    `Quầy ${e.counterId}: ${e.incidents} sự cố đã tiếp nhận có kết quả, trong đó ${e.falseAlarms} báo nhầm.`,
    `Ngưỡng hiện tại: ${e.currentThreshold === null ? "chưa rõ" : decimal(e.currentThreshold)}; ` +
      `độ chính xác: ${percent(e.precisionNow)}.`,
  ];
  if (e.proposedThreshold !== null) {
    lines.push(
      `Ngưỡng đề xuất: ${decimal(e.proposedThreshold)}; độ chính xác nếu áp dụng: ${percent(e.precisionProposed)}` +
        ` (bỏ sót ${e.realMissed} sự cố thật).`,
    );
  }
  if (e.medianAckMs !== null) lines.push(`Thời gian tiếp nhận (trung vị): ${Math.round(e.medianAckMs / 60_000)} phút.`);
  return lines;
}

function decimal(value: number): string {
  return value.toFixed(2).replace(".", ",");
}

function percent(value: number | null): string {
  return value === null ? "chưa có dữ liệu" : `${Math.round(value * 100)}%`;
}
