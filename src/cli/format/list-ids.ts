// A few job ids for a message, and how many more there are, so an error stays one readable line.
export function listIds(ids: string[], shown = 5): string {
  const listed = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${listed} and ${ids.length - shown} more` : listed;
}
