/** Buttons of which one is pressed: a filter or a grouping. `testIdPrefix` tags each button `<prefix>-<value>`. */
export function ToggleGroup<T extends string>(props: {
  label: string;
  class?: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
  testIdPrefix?: string;
}) {
  return (
    <fieldset class={props.class ? `controls ${props.class}` : "controls"} aria-label={props.label}>
      {props.options.map((o) => (
        <button
          type="button"
          key={o.value}
          class={props.value === o.value ? "" : "secondary"}
          aria-pressed={props.value === o.value}
          data-testid={props.testIdPrefix === undefined ? undefined : `${props.testIdPrefix}-${o.value}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
