// Columns padded to their widest cell; the last column is cut to the terminal's width instead of wrapping.
import type { Colors } from '../pick-colors.js';

export interface Cell {
  text: string;
  // Colour is applied after padding, so escape codes never count toward a width.
  paint?: (text: string) => string;
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  // Longer cells are shortened with "…" (from the left when `keep` is 'end', as for paths).
  max?: number;
  keep?: 'start' | 'end';
}

const GAP = '  ';

export function formatTable(columns: Column[], rows: Cell[][], colors: Colors, width?: number): string[] {
  const fitted = rows.map((row) => row.map((cell, i) => ({ ...cell, text: shorten(cell.text, columns[i]?.max, columns[i]?.keep) })));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...fitted.map((row) => row[i]?.text.length ?? 0)));
  const last = columns.length - 1;
  if (width !== undefined && last >= 0) {
    const before = widths.slice(0, last).reduce((sum, w) => sum + w + GAP.length, 0);
    widths[last] = Math.max(columns[last]!.header.length, Math.min(widths[last]!, width - before));
  }
  const line = (cells: Cell[]): string =>
    cells
      .map((cell, i) => {
        const text = shorten(cell.text, widths[i]);
        const padded = i === last ? text : columns[i]?.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        return cell.paint ? cell.paint(padded) : padded;
      })
      .join(GAP);
  const header = line(columns.map((column) => ({ text: column.header, paint: colors.bold })));
  return [header, ...fitted.map(line)];
}

export function shorten(text: string, max: number | undefined, keep: 'start' | 'end' = 'start'): string {
  if (max === undefined || text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  return keep === 'end' ? `…${text.slice(text.length - max + 1)}` : `${text.slice(0, max - 1)}…`;
}
