export {
  type ExpectationOutcome,
  gradeForScore,
  type HttpGrade,
  HTTP_GRADING_VERSION,
  type HttpTest,
  INFORMATIONAL_RESULTS,
  MINIMUM_SCORE_FOR_EXTRA_CREDIT,
  OBSERVATORY_ALGORITHM_VERSION,
  SCORED_MODIFIERS,
} from './grading';
export { HttpCheckError, type HttpCheckErrorCode } from './http-check-error';
export { checkHttp, CORS_PROBE_ORIGIN, type HttpCheckOptions, type HttpCheckResult } from './http.check';
export type { ChainFailure, ChainFailureKind } from './observation';
