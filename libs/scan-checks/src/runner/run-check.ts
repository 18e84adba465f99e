export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`check did not finish within ${timeoutMs} ms`);
    this.name = 'CheckTimeoutError';
  }
}

/** The target or the scan's own settings are wrong: trying again cannot help. */
export class PermanentCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentCheckError';
  }
}

export type CheckOutcome<T> =
  | { ok: true; value: T; attempts: number; durationMs: number }
  | { ok: false; error: string; attempts: number; durationMs: number };

export interface RunCheckOptions {
  timeoutMs: number;
  attempts: number;
  /** Pause before attempt n+1 is `backoffMs × n`. */
  backoffMs?: number;
}

/**
 * Runs one check with a deadline and retries transient failures (network errors, timeouts). The check gets an
 * AbortSignal: when the deadline passes the outcome is decided at once, and the signal tells the check to stop.
 */
export async function runCheck<T>(
  check: (signal: AbortSignal) => Promise<T>,
  options: RunCheckOptions,
): Promise<CheckOutcome<T>> {
  const started = Date.now();
  let lastError = 'not run';
  for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        check(controller.signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CheckTimeoutError(options.timeoutMs)), options.timeoutMs);
        }),
      ]);
      return { ok: true, value, attempts: attempt, durationMs: Date.now() - started };
    } catch (error) {
      lastError = (error as Error).message || String(error);
      if (error instanceof PermanentCheckError)
        return { ok: false, error: lastError, attempts: attempt, durationMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    if (attempt < options.attempts)
      await new Promise((resolve) => setTimeout(resolve, (options.backoffMs ?? 500) * attempt));
  }
  return {
    ok: false,
    error: lastError,
    attempts: Math.max(1, options.attempts),
    durationMs: Date.now() - started,
  };
}
