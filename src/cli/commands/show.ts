// `claude-async show ID`: one job's facts, then its transcript as a person reads it, then the end of its stderr.
import { Command } from 'commander';
import { ActivityCache, describeJob } from '../../jobs/index.js';
import { readSettings } from '../../settings.js';
import { findJob } from '../find-job.js';
import { formatJob } from '../format/format-job.js';
import { pickColors } from '../pick-colors.js';
import { printTranscript } from '../print-transcript.js';

const STDERR_TAIL_BYTES = 4000;

export function showCommand(): Command {
  return new Command('show')
    .description("a job's status, times, cost and result, then its transcript (the id's first characters are enough)")
    .argument('<id>', 'job id')
    .action(async (id: string) => {
      const root = readSettings().jobDir;
      const { jobId } = await findJob(root, id);
      const view = await describeJob(root, jobId, { tailBytes: STDERR_TAIL_BYTES, activity: new ActivityCache() });
      const colors = pickColors();
      process.stdout.write(`${formatJob(view, colors, Date.now()).join('\n')}\n`);
      if (view.files && view.stdoutBytes > 0) {
        process.stdout.write(`\n${colors.bold('transcript')}\n`);
        await printTranscript(view.files.stdout, colors);
      }
      if (view.stderrTail.trim() !== '') {
        const cut = view.stderrBytes > STDERR_TAIL_BYTES ? ` (last ${STDERR_TAIL_BYTES} bytes of ${view.stderrBytes})` : '';
        process.stdout.write(`\n${colors.bold(`stderr${cut}`)}\n${view.stderrTail.replace(/\n?$/, '\n')}`);
      }
    });
}
