import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { addPoint, deletePoint, movePoint, nudgePoint, type Point, type Polygon } from "../calibration/roi-edit.js";

const NUDGE = 0.01;
const MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-NUDGE, 0],
  ArrowRight: [NUDGE, 0],
  ArrowUp: [0, -NUDGE],
  ArrowDown: [0, NUDGE],
};

/** The editing state of the outline: the selected and the dragged point, and the edits that move them. */
function useRoiEditing(polygon: Polygon, onChange: (polygon: Polygon) => void) {
  const [selected, setSelected] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  /** Adds a point where it fits the outline best, and selects it. */
  const add = (point: Point) => {
    const next = addPoint(polygon, point);
    onChange(next);
    setSelected(next.findIndex((p, i) => p !== polygon[i]));
  };
  const remove = (index: number) => {
    onChange(deletePoint(polygon, index));
    setSelected(null);
  };
  const onKey = (index: number, event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      onChange(nudgePoint(polygon, index, move[0], move[1]));
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      remove(index);
    }
  };
  const grab = (index: number) => {
    setSelected(index);
    setDragging(index);
  };
  return { selected, setSelected, dragging, setDragging, add, remove, onKey, grab };
}

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
  const edit = useRoiEditing(polygon, onChange);

  const toRelative = (event: { clientX: number; clientY: number }): Point => {
    const rect = svg.current!.getBoundingClientRect();
    return [(event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height];
  };
  const onBackgroundClick = (event: JSX.TargetedMouseEvent<SVGSVGElement>) => {
    if ((event.target as Element).classList.contains("roi-handle")) return;
    edit.add(toRelative(event));
  };

  const points = polygon.map(([x, y]) => `${x * width},${y * height}`).join(" ");
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
        onPointerMove={(e) => edit.dragging !== null && onChange(movePoint(polygon, edit.dragging, toRelative(e)))}
        onPointerUp={() => edit.setDragging(null)}
        onPointerCancel={() => edit.setDragging(null)}
      >
        {props.imageUrl ? (
          <image href={props.imageUrl} x={0} y={0} width={width} height={height} />
        ) : (
          <rect x={0} y={0} width={width} height={height} class="roi-placeholder" />
        )}
        {polygon.length >= 3 && <polygon points={points} class="roi-polygon" />}
        {polygon.length === 2 && <polyline points={points} class="roi-polygon" />}
        <RoiHandles polygon={polygon} width={width} height={height} edit={edit} />
      </svg>
      <div class="controls">
        {/* Keyboard path for "click to add": a point in the middle, then arrow keys move it. */}
        <button type="button" class="secondary" onClick={() => edit.add([0.5, 0.5])}>
          {t("roi.addPoint")}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={edit.selected === null || edit.selected >= polygon.length}
          onClick={() => edit.selected !== null && edit.remove(edit.selected)}
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

/** The outline's corners: each can be dragged, focused, nudged with arrow keys and deleted. */
function RoiHandles(props: {
  polygon: Polygon;
  width: number;
  height: number;
  edit: ReturnType<typeof useRoiEditing>;
}) {
  const { t } = useApp();
  const { width, height, edit } = props;
  const radius = Math.max(width, height) / 70;
  return props.polygon.map(([x, y], i) => (
    // biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it takes focus and keys itself
    <circle
      key={i}
      class={`roi-handle${edit.selected === i ? " selected" : ""}`}
      cx={x * width}
      cy={y * height}
      r={radius}
      tabIndex={0}
      role="button"
      aria-label={t("roi.point", { n: i + 1, x: Math.round(x * 100), y: Math.round(y * 100) })}
      onPointerDown={(e) => {
        e.stopPropagation();
        (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
        edit.grab(i);
      }}
      onFocus={() => edit.setSelected(i)}
      onKeyDown={(e) => edit.onKey(i, e)}
    />
  ));
}
