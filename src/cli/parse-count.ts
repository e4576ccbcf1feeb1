// Commander option parsers for whole numbers, refusing what a person likely mistyped instead of guessing.
import { InvalidArgumentError } from 'commander';

export function parseCount(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`expected a whole number of 1 or more, got '${raw}'.`);
  return value;
}
