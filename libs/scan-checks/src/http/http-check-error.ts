import type { ChainFailure } from './observation';

export type HttpCheckErrorCode =
  /** The input is not a host, an address or an http(s) URL: retrying cannot help. */
  | 'invalid_origin'
  /** The network guard refused the host itself (private, loopback, metadata...): retrying cannot help. */
  | 'refused'
  /** Neither http:// nor https:// gave a page. */
  | 'unreachable'
  /** The page answered with a status the grade cannot read (404, 500...), as the Observatory refuses it too. */
  | 'unexpected_status';

/**
 * The check could not observe the site. Thrown rather than returning no findings, so that the findings of the
 * last scan are not marked resolved because the site was down.
 */
export class HttpCheckError extends Error {
  constructor(
    readonly code: HttpCheckErrorCode,
    message: string,
    /** Why the chains stopped, refused redirects first among them. */
    readonly interruptions: ChainFailure[] = [],
  ) {
    super(message);
    this.name = 'HttpCheckError';
  }

  /** Whether trying again later can give another answer. */
  get permanent(): boolean {
    return this.code === 'invalid_origin' || this.code === 'refused';
  }
}
