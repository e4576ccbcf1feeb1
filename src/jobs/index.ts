// The job store: the only way into the job directory for the server, the runner and the CLI.
export { createJob, summarizePrompt, type CreateOutcome, type NewJob } from './create-job.js';
export { describeJob, summarizeJob, JobSummarySchema, JobViewSchema, type JobSummary, type JobView } from './describe-job.js';
export { findFinalResult, inspectJob, type JobSnapshot } from './inspect-job.js';
export { listJobs, type JobListing } from './list-jobs.js';
export { readFrom, readTail, type LogSlice } from './logs.js';
export { promoteQueue, queuePosition, type PromoteOptions } from './queue.js';
export { claimJob, openJobIo, readJobRecord, readStderrTail, recordClaudeStarted, recordExit, type JobIo } from './run-records.js';
export { jobOutputPaths } from './output-paths.js';
export * from './schema.js';
