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
