import type { ComponentChildren } from "preact";

/** A card of a page: a section labelled by its own heading (`<id>-title`), for screen readers. */
export function Card(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}
