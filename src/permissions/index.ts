// Permission requests answered by the caller: the relay claude asks, the request files, and the answering.
export { answerRequest, type AnswerOutcome, type Reply } from './answer-request.js';
export { describePendingRequests, InputRequestSchema, type InputRequest } from './describe-requests.js';
export { listRequests, REQUEST_ID_PATTERN, type PermissionAnswer, type PermissionRequest, type RequestState } from './request-files.js';
