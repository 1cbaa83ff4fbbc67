import type { EndRef } from "./url_state.ts";
import { endLabel } from "./readout.ts";

/** Props of `PickChooser`. */
export interface PickChooserProps {
  end: EndRef;
  onSet(key: "a" | "b", end: EndRef): void;
  onDismiss(): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

/**
 * A point picked while a path exists: offered as A or B, never applied by the
 * click itself, so no click loses the path.
 */
export function PickChooser({ end, onSet, onDismiss, names }: PickChooserProps) {
  return (
    <div class="chooser" role="group" aria-label="Picked point" data-testid="chooser">
      {/* Said aloud too: a keyboard pick from the legend leaves focus where it was. */}
      <span aria-live="polite">{endLabel(end, names)}: set it as A or B?</span>
      <button type="button" onClick={() => onSet("a", end)}>Set as A</button>
      <button type="button" onClick={() => onSet("b", end)}>Set as B</button>
      <button type="button" aria-label="Keep the path" onClick={onDismiss}>×</button>
    </div>
  );
}
