import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { addPoint, deletePoint, movePoint, nudgePoint, type Point, type Polygon } from "../calibration/roi-edit.js";

const NUDGE = 0.01;

/**
 * SVG overlay over the snapshot: click empty space to add a point, drag a handle to move it,
 * Delete/Backspace (or the button) removes the selected one; arrow keys nudge the focused handle.
 * The SVG's user space is the image's pixel grid; the polygon is kept in relative 0..1 coordinates.
 */
export function RoiEditor(props: {
  polygon: Polygon;
  onChange: (polygon: Polygon) => void;
  width: number;
  height: number;
  imageUrl: string | null;
}) {
  const { t } = useApp();
  const { polygon, onChange, width, height } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);

  const toRelative = (event: { clientX: number; clientY: number }): Point => {
    const rect = svg.current!.getBoundingClientRect();
    return [(event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height];
  };

  const onBackgroundClick = (event: JSX.TargetedMouseEvent<SVGSVGElement>) => {
    if ((event.target as Element).classList.contains("roi-handle")) return;
    const next = addPoint(polygon, toRelative(event));
    onChange(next);
    setSelected(next.findIndex((p, i) => p !== polygon[i]));
  };

  const onHandleKey = (index: number, event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-NUDGE, 0],
      ArrowRight: [NUDGE, 0],
      ArrowUp: [0, -NUDGE],
      ArrowDown: [0, NUDGE],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      onChange(nudgePoint(polygon, index, move[0], move[1]));
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      onChange(deletePoint(polygon, index));
      setSelected(null);
    }
  };

  const points = polygon.map(([x, y]) => `${x * width},${y * height}`).join(" ");
  const handleRadius = Math.max(width, height) / 70;
  return (
    <div class="roi-editor">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users add points with the "Add point" button and move them with arrow keys */}
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${height}`}
        class="roi-svg"
        // As wide as the card allows but never taller than the window minus the controls (1366×768, tablets).
        style={{ width: `min(100%, calc((100vh - 9rem) * ${(width / height).toFixed(4)}))` }}
        role="application"
        aria-label={t("roi.editorLabel")}
        data-testid="roi-svg"
        onClick={onBackgroundClick}
        onPointerMove={(e) => dragging !== null && onChange(movePoint(polygon, dragging, toRelative(e)))}
        onPointerUp={() => setDragging(null)}
        onPointerCancel={() => setDragging(null)}
      >
        {props.imageUrl ? (
          <image href={props.imageUrl} x={0} y={0} width={width} height={height} />
        ) : (
          <rect x={0} y={0} width={width} height={height} class="roi-placeholder" />
        )}
        {polygon.length >= 3 && <polygon points={points} class="roi-polygon" />}
        {polygon.length === 2 && <polyline points={points} class="roi-polygon" />}
        {polygon.map(([x, y], i) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it takes focus and keys itself
          <circle
            key={i}
            class={`roi-handle${selected === i ? " selected" : ""}`}
            cx={x * width}
            cy={y * height}
            r={handleRadius}
            tabIndex={0}
            role="button"
            aria-label={t("roi.point", { n: i + 1, x: Math.round(x * 100), y: Math.round(y * 100) })}
            onPointerDown={(e) => {
              e.stopPropagation();
              (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
              setSelected(i);
              setDragging(i);
            }}
            onFocus={() => setSelected(i)}
            onKeyDown={(e) => onHandleKey(i, e)}
          />
        ))}
      </svg>
      <div class="controls">
        <button
          type="button"
          class="secondary"
          onClick={() => {
            // Keyboard path for "click to add": a point in the middle, then arrow keys move it.
            const next = addPoint(polygon, [0.5, 0.5]);
            onChange(next);
            setSelected(next.findIndex((p, i) => p !== polygon[i]));
          }}
        >
          {t("roi.addPoint")}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={selected === null || selected >= polygon.length}
          onClick={() => {
            if (selected === null) return;
            onChange(deletePoint(polygon, selected));
            setSelected(null);
          }}
        >
          {t("roi.deletePoint")}
        </button>
        <button type="button" class="secondary" onClick={() => onChange([])}>
          {t("roi.clear")}
        </button>
        <span class="muted">{t("roi.help")}</span>
      </div>
    </div>
  );
}
