import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@vigie/contracts';
import { User } from '@vigie/database';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@vigie/common';
import { AuthService } from './auth/auth.service';
import { PrincipalResolver } from './auth/principal-resolver.service';
import { domainErrorBody } from './common/http-exception.filter';
import { assertSameOriginWrite } from './common/same-origin';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** Browsers cannot send Bearer tokens to a dashboard, so admins may also use HTTP Basic with their password. */
function dashboardAuth(app: INestApplication) {
  const resolver = app.get(PrincipalResolver);
  const auth = app.get(AuthService);
  const dataSource = app.get(DataSource);
  // argon2 takes tens of ms and the dashboard loads many assets: a verified header is remembered briefly, tied
  // to the password hash it was checked against, so a password change or a disabled account ends it at once.
  const verified = new Map<string, { userId: string; passwordHash: string; until: number }>();
  const isAdminBasic = async (header: string): Promise<boolean> => {
    const cacheKey = createHash('sha256').update(header).digest('hex');
    const cached = verified.get(cacheKey);
    if (cached && cached.until > Date.now()) {
      const user = await dataSource.getRepository(User).findOneBy({ id: cached.userId });
      if (
        user &&
        !user.disabled &&
        user.role === 'national_admin' &&
        user.passwordHash === cached.passwordHash
      )
        return true;
      verified.delete(cacheKey);
    }
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return false;
    const user = await auth.verifyCredentials(decoded.slice(0, separator), decoded.slice(separator + 1));
    if (user.role !== 'national_admin') return false;
    verified.set(cacheKey, { userId: user.id, passwordHash: user.passwordHash, until: Date.now() + 60_000 });
    return true;
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    /** Asks the browser for the administrator's credentials again. */
    const deny = (error: DomainError) => {
      for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
      res.setHeader('WWW-Authenticate', 'Basic realm="Vigie queues", charset="UTF-8"');
      res.status(error.status).json(domainErrorBody(error));
    };
    const header = req.header('authorization') ?? '';
    try {
      // Before any password check: a forged post must neither act nor count failures towards a lock-out.
      assertSameOriginWrite(req);
      let allowed = false;
      if (/^basic /i.test(header)) allowed = await isAdminBasic(header);
      else if (/^bearer /i.test(header)) {
        const principal = await resolver.fromAccessToken(header.slice(7).trim());
        allowed = principal?.kind === 'user' && principal.role === 'national_admin';
      }
      if (allowed) next();
      else
        deny(
          new DomainError(
            ErrorCode.AuthUnauthenticated,
            'The queue dashboard is for national administrators: sign in with your e-mail and password',
          ),
        );
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.AccessCrossSiteRequest) {
        res.status(error.status).json(domainErrorBody(error));
      } else if (error instanceof DomainError && [401, 423, 429].includes(error.status)) {
        deny(error);
      } else next(error);
    }
  };
}

/** bull-board, mounted on the API's HTTP server behind administrator authentication. */
export function mountQueueDashboard(app: INestApplication) {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Vigie - files de tâches' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, dashboardAuth(app), serverAdapter.getRouter());
}
