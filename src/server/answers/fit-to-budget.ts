// Makes an answer fit a byte budget by giving up detail step by step, least useful first, so a model's cost per
// answer is bounded whatever the job did.
export type Trim<T> = (answer: T) => T | undefined;

export function compactSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

// Applies each trim as often as it helps (a trim answers undefined when it has nothing left to give) until the
// answer fits; an answer that still does not fit is returned as small as the trims could make it.
export function fitToBudget<T>(answer: T, budget: number, trims: Array<Trim<T>>, size: (answer: T) => number = compactSize): T {
  let current = answer;
  for (const trim of trims) {
    while (size(current) > budget) {
      const smaller = trim(current);
      if (smaller === undefined) break;
      current = smaller;
    }
  }
  return current;
}
