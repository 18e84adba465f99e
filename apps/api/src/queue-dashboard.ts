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
import { verifyPassword } from './auth/passwords';
import { PrincipalResolver } from './auth/principal-resolver.service';
import { errorBody } from './common/http-exception.filter';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** Browsers cannot send Bearer tokens to a dashboard, so admins may also use HTTP Basic with their password. */
function dashboardAuth(app: INestApplication) {
  const resolver = app.get(PrincipalResolver);
  const dataSource = app.get(DataSource);
  // argon2 takes tens of ms; the dashboard loads many assets, so a verified Basic header is remembered briefly.
  const verified = new Map<string, number>();
  const isAdminBasic = async (header: string): Promise<boolean> => {
    const cacheKey = createHash('sha256').update(header).digest('hex');
    if ((verified.get(cacheKey) ?? 0) > Date.now()) return true;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return false;
    const user = await dataSource
      .getRepository(User)
      .findOneBy({ email: decoded.slice(0, separator).toLowerCase() });
    if (
      !user ||
      user.disabled ||
      user.role !== 'national_admin' ||
      (user.lockedUntil && user.lockedUntil > new Date())
    )
      return false;
    if (!(await verifyPassword(user.passwordHash, decoded.slice(separator + 1)))) return false;
    verified.set(cacheKey, Date.now() + 60_000);
    return true;
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.header('authorization') ?? '';
      let allowed = false;
      if (/^basic /i.test(header)) allowed = await isAdminBasic(header);
      else if (/^bearer /i.test(header)) {
        const principal = await resolver.fromAccessToken(header.slice(7).trim());
        allowed = principal?.kind === 'user' && principal.role === 'national_admin';
      }
      if (allowed) return next();
      res.setHeader('WWW-Authenticate', 'Basic realm="Vigie queues", charset="UTF-8"');
      res
        .status(401)
        .json(
          errorBody(
            401,
            'The queue dashboard is for national administrators: sign in with your e-mail and password',
          ),
        );
    } catch (error) {
      next(error);
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
