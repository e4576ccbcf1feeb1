// An error meant for the person at the terminal: main prints its message alone (no stack) and exits with its code.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

// For modules whose errors are already written for people (what was wrong, what to do): show them without a stack.
export function rethrowForPeople(error: unknown): never {
  throw new CliError(error instanceof Error ? error.message : String(error));
}
