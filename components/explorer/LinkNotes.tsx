/** Props of `LinkNotes`. */
export interface LinkNotesProps {
  notes: string[];
  onDismiss(): void;
}

/** What the opening link had to change to give a working view, in short sentences. */
export function LinkNotes({ notes, onDismiss }: LinkNotesProps) {
  if (notes.length === 0) return null;
  return (
    <div class="notes" role="status" data-testid="link-notes">
      {notes.map((note) => <p key={note}>{note}</p>)}
      <button type="button" aria-label="Dismiss the notes" onClick={onDismiss}>×</button>
    </div>
  );
}
