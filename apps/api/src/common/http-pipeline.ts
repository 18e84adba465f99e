import { randomUUID } from 'node:crypto';
import { requestContext } from '@vigie/observability';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from '@vigie/common';
import { domainErrorBody, errorBody } from './http-exception.filter';
import { INVALID_STRING_MESSAGE, inputRefusal, inspectInput, stringProblem } from './input-hygiene';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when well-formed), runs the rest of the request in a
 * context carrying it, and writes one access log line when the response is sent. Only the path is logged:
 * query strings and headers may hold tokens.
 */
export function requestIdAndAccessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    const context = { requestId, ip: req.ip ?? null };
    res.on('finish', () => {
      const actor = (context as { actor?: { type: string; id: string | null } }).actor;
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          actor: actor ? `${actor.type}:${actor.id}` : undefined,
        },
        'request completed',
      );
    });
    requestContext.run(context, next);
  };
}

/** Body parsing with the configured limit; parse errors answer in the API's error shape, never as HTML. */
export function jsonBody(limitBytes: number) {
  const parser = express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'] });
  return [
    parser,
    (
      err: { type?: string; status?: number } | undefined,
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (!err) return next();
      if (err.type === 'entity.too.large') {
        return res
          .status(413)
          .json(errorBody(413, `Request body is larger than the ${limitBytes}-byte limit`));
      }
      if (err.type === 'entity.parse.failed') {
        return res
          .status(400)
          .json(errorBody(400, 'Malformed JSON body', undefined, ErrorCode.RequestMalformed));
      }
      if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
        return res.status(415).json(errorBody(415, 'Unsupported body encoding'));
      }
      return res
        .status(err.status && err.status < 500 ? err.status : 400)
        .json(errorBody(400, 'Unreadable body', undefined, ErrorCode.RequestMalformed));
    },
  ];
}

/**
 * One rule for every string that comes in, before any route, pipe or database sees it: the path, the query and
 * the JSON body may not hold NUL or unpaired surrogates, the body may not nest deeper than MAX_BODY_DEPTH nor
 * carry prototype keys. Multipart fields arrive later (multer runs in the route) and get the same check in the
 * validation pipe.
 */
export function inputHygiene() {
  return (req: Request, res: Response, next: NextFunction) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return refuse(
        res,
        new DomainError(ErrorCode.RequestMalformed, 'The path is not valid percent-encoded UTF-8'),
      );
    }
    const pathProblem = stringProblem(path);
    if (pathProblem) {
      return refuse(
        res,
        new DomainError(ErrorCode.RequestInvalidString, INVALID_STRING_MESSAGE, [
          { field: 'path', problem: pathProblem },
        ]),
      );
    }
    // express.json leaves req.body undefined when it parsed nothing.
    const refusal =
      inputRefusal(inspectInput(req.query)) ??
      (req.body === undefined ? undefined : inputRefusal(inspectInput(req.body)));
    return refusal ? refuse(res, refusal) : next();
  };
}

function refuse(res: Response, error: DomainError) {
  return res.status(error.status).json(domainErrorBody(error));
}
