// Folds text to one line and cuts it to `max` characters, marking the cut: for summaries a person or model scans.
export function shortenLine(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
