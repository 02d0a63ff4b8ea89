#!/usr/bin/env bash
# Runs `hailong eval --json` on the ../shared dev data and fails when a figure drops below its floor in
# accuracy-floors.json. A check without "detector"/"expression" uses the agent's default models (the download
# set once `hailong models fetch` ran); the others pin a model set, e.g. the npm-only offline default. Prints every
# figure so CI logs carry the numbers. Two checks run at a time (2:40 instead of 5:20 on the 2-core CI machine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${HAILONG_SHARED_DIR:?set HAILONG_SHARED_DIR to the ../shared folder}"
ckplus="$(npx hailong models prep-ckplus --sequences "$shared/data/video/ckplus_sequences")"
tvclip="$(npx hailong models prep-video --video "$shared/data/video/expressions_tv_clip_720x576.mp4" \
  --segments "$shared/data/video/expressions_tv_clip_720x576.segments.csv")"
out="$(mktemp -d)"
trap 'rm -rf "$ckplus" "$tvclip" "$out"' EXIT
count=$(node -e 'console.log(require(process.argv[1]).checks.length)' "$here/accuracy-floors.json")

# One check: evaluates, prints its figures and any floor it crosses; non-zero when one is crossed.
run_check() {
  local i=$1 check data dir report
  check=$(node -e 'console.log(JSON.stringify(require(process.argv[1]).checks[+process.argv[2]]))' "$here/accuracy-floors.json" "$i")
  field() { node -e 'const v=JSON.parse(process.argv[1])[process.argv[2]];console.log(v===undefined?"":v)' "$check" "$1"; }
  data="$(field data)"
  case "$data" in
    ckplus) dir="$ckplus" ;;
    tvclip) dir="$tvclip" ;;
    *) dir="$shared/$data" ;;
  esac
  args=(--data "$dir" --json)
  [ -n "$(field include)" ] && args+=(--include "$(field include)")
  [ "$(field cropped)" = true ] && args+=(--cropped)
  [ "$(field onFrame)" = true ] && args+=(--on-frame)
  [ -n "$(field detector)" ] && args+=(--detector "$(field detector)")
  # shellcheck disable=SC2207
  [ -n "$(field expression)" ] && args+=(--model $(node -e 'console.log(JSON.parse(process.argv[1]).expression.join(" "))' "$check"))
  report=$(npx hailong eval "${args[@]}") || return 1
  node -e '
    const [check, report] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
    const d = report.dissatisfied;
    const op = report.dissatisfiedAtPrecision90;
    const f = (v) => (v === null ? "-" : v.toFixed(3));
    const line = `${check.name}: n=${report.n} accuracy=${report.accuracy.toFixed(4)} noFace=${report.noFace} ` +
      `dissatisfied P=${f(d.precision)} R=${f(d.recall)} F1=${f(d.f1)} AUC=${f(d.rocAuc)} ` +
      `recall@P≥0.90=${op.recall.toFixed(3)} macroF1=${report.macroF1.toFixed(3)} ` +
      `(threshold ${d.threshold}, models ${[report.detector, ...report.expression].filter(Boolean).join("+")})`;
    console.log(line);
    const failures = [];
    if (report.accuracy < check.minAccuracy) failures.push(`accuracy ${report.accuracy} < floor ${check.minAccuracy}`);
    if (d.rocAuc < check.minDissatisfiedAuc) failures.push(`dissatisfied AUC ${d.rocAuc} < floor ${check.minDissatisfiedAuc}`);
    if (check.minRecallAtPrecision90 !== undefined && op.recall < check.minRecallAtPrecision90)
      failures.push(`dissatisfied recall at precision ≥ 0.90 ${op.recall} < floor ${check.minRecallAtPrecision90}`);
    if (report.noFace > check.maxNoFace) failures.push(`${report.noFace} images without a face found (max ${check.maxNoFace})`);
    for (const f of failures) console.log(`  BELOW FLOOR: ${f}`);
    process.exit(failures.length ? 1 : 0);
  ' "$check" "$report"
}

# Two checks at a time (each eval runs one model thread; CI has two cores), printed in the file's order.
for i in $(seq 0 $((count - 1))); do
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
  (if run_check "$i" >"$out/$i.log" 2>&1; then echo 0; else echo 1; fi >"$out/$i.status") &
done
wait
status=0
for i in $(seq 0 $((count - 1))); do
  cat "$out/$i.log"
  [ "$(cat "$out/$i.status" 2>/dev/null)" = 0 ] || status=1
done
exit $status
