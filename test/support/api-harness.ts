import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@vigie/config';
import { createTestDatabase, type TestDatabase, testConfig, TEST_ADMIN } from '@vigie/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory';

/** Every log line the app wrote, to assert what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get text() {
    return this.lines.join('\n');
  }
}

export interface ApiHarness {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  dataSource: DataSource;
  logs: LogCapture;
  http: () => ReturnType<typeof request>;
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

type ConfigOverrides = Parameters<typeof testConfig>[2];

/** The real API on a fresh database and the test Redis, as `npm start` builds it. */
export async function startApi(
  overrides: ConfigOverrides = {},
  existing?: TestDatabase,
): Promise<ApiHarness> {
  const db = existing ?? (await createTestDatabase());
  const config = testConfig(db.config, db.dataDir, { logLevel: 'info', ...overrides });
  const logs = new LogCapture();
  const app = await createApiApp(config, { logDestination: logs });
  const server = app.getHttpServer();
  const http = () => request(server);
  const login = async (email: string, password: string) => {
    const res = await http().post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  let adminToken: string | undefined;
  return {
    app,
    config,
    db,
    dataSource: app.get(DataSource),
    logs,
    http,
    login,
    adminToken: async () => (adminToken ??= await login(TEST_ADMIN.email, TEST_ADMIN.password)),
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
    },
  };
}
