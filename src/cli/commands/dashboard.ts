// `claude-async dashboard`: the job board in a browser, served on 127.0.0.1 until Ctrl-C. The URL, with its
// token, is the first line printed, so scripts can read it.
import { spawn } from 'node:child_process';
import { Command, InvalidArgumentError } from 'commander';
import { serveDashboard } from '../../board/serve-dashboard.js';
import { readSettings } from '../../settings.js';
import { CliError } from '../cli-error.js';

function parsePort(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535 (0: any free port), got '${raw}'.`);
  return value;
}

// The platform's own "open this URL" command; a failure only means the user opens the URL by hand.
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not open a browser (${command as string}); open the URL above yourself\n`));
  child.unref();
}

export function dashboardCommand(): Command {
  return new Command('dashboard')
    .description('the job board in your browser, served on 127.0.0.1 (live status, transcripts, cancel)')
    .option('--port <n>', 'the port to listen on (default: any free port)', parsePort, 0)
    .option('--no-open', 'print the URL but do not open a browser')
    .action(async (options: { port: number; open: boolean }) => {
      const dashboard = await serveDashboard({ root: readSettings().jobDir, port: options.port }).catch((error: Error) => {
        throw new CliError(`cannot serve the dashboard on 127.0.0.1:${options.port}: ${error.message}. Choose another --port, or leave it out for any free one.`);
      });
      process.stdout.write(`${dashboard.url}\n`);
      process.stderr.write('The dashboard runs until Ctrl-C; jobs keep running without it.\n');
      if (options.open) openBrowser(dashboard.url);
      const stop = () => void dashboard.close().finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
