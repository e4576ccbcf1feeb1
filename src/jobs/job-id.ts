// What a job id may be: safe as a single path segment, so it can never name a file outside the job directory.
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
