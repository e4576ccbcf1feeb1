// Commands that exist so people and scripts can find them, but whose job control is not in this version yet.
import { CliError } from './cli-error.js';

// Exit code 2: distinct from a failed operation (1), so a script can tell "not supported" from "went wrong".
export function refuseUnavailable(command: string): never {
  throw new CliError(`'${command}' is not available yet in this version of claude-async. Update claude-async to get it; 'claude-async --version' shows the version you have.`, 2);
}
