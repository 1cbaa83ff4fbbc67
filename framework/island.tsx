import type { ComponentType } from "preact";

/** Props of `Island`: the registered name, the component and its JSON-serialisable props. */
export interface IslandProps<P> {
  /** The name in islands/_registry.ts (the island's file name). */
  name: string;
  component: ComponentType<P>;
  props: P;
}

/**
 * Server-renders an island and marks it for hydration: the wrapper carries
 * the island's name and its props as JSON, which framework/hydrate.ts reads back.
 */
export function Island<P>({ name, component: Component, props }: IslandProps<P>) {
  return (
    <div data-island={name} data-props={JSON.stringify(props)} class="island">
      <Component {...(props as P & Record<string, unknown>)} />
    </div>
  );
}
