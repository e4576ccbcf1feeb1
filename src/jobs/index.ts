// The job store: the only way into the job directory for the server, the runner and the CLI.
export { createJob, summarizePrompt, type CreateOutcome, type NewJob } from './create-job.js';
export { ActivityCache } from './activity-cache.js';
export { describeJob, summarizeJob, JobSummarySchema, JobViewSchema, type JobSummary, type JobView, type DescribeOptions } from './describe-job.js';
export { findFinalResult } from './final-result.js';
export { inspectJob, type JobSnapshot } from './inspect-job.js';
export { listJobs, type JobListing } from './list-jobs.js';
export { capLog, locateInLog, readCutState, readFrom, readTail, type CutState, type LogSlice } from './logs.js';
export { cancelJob, type CancelOutcome } from './cancel.js';
export { claimNextJob, workersWanted, placeInLine, queuePosition, type ClaimedJob, type ClaimOptions } from './queue.js';
export { openJobIo, readJobEnv, readRunnableJob, readStderrTail, recordClaudeStarted, recordExit, type JobIo } from './run-records.js';
export { hasEnded } from './status.js';
export { waitForJobs, type WaitMode, type WaitOptions } from './wait-for-jobs.js';
export { removeJobs, type RemoveFilter, type RemovedJob } from './remove-jobs.js';
export { jobProcessMarkers } from './process-markers.js';
export { jobOutputPaths } from './output-paths.js';
export { serverLogPath } from './server-log-path.js';
export * from './schema.js';
