import { type INestApplication, VersioningType } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@vigie/config';
import { createLogger, type httpMetrics, PinoNestLogger } from '@vigie/observability';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type pino from 'pino';
import { AppModule } from './app.module';
import { assertEveryRouteHasAPolicy } from './common/authz/route-policy-check';
import { inputHygiene, jsonBody, requestIdAndAccessLog } from './common/http-pipeline';
import { MediaTypeInterceptor } from './common/media-type.interceptor';
import { buildOpenApiDocument } from './common/openapi';
import { HTTP_METRICS } from './metrics/metrics.tokens';
import { mountQueueDashboard } from './queue-dashboard';

export interface ApiAppOptions {
  /** Where JSON logs go (tests capture them); stdout by default. */
  logDestination?: pino.DestinationStream;
}

function recordHttpMetrics(metrics: ReturnType<typeof httpMetrics>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.duration.startTimer();
    res.on('finish', () => {
      // The route pattern, not the raw path, keeps the label set small.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stop({ method: req.method, route });
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/** Builds the HTTP API with its whole pipeline; main.ts and the tests share it. */
export async function createApiApp(
  config: AppConfig,
  options: ApiAppOptions = {},
): Promise<INestApplication> {
  const logger = createLogger({ level: config.logLevel, app: 'api', destination: options.logDestination });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.set('trust proxy', config.api.trustProxy);
  app.set('x-powered-by', false);
  app.use(requestIdAndAccessLog(logger));
  app.use(recordHttpMetrics(app.get(HTTP_METRICS)));
  app.use(
    helmet({
      // Swagger UI and bull-board load inline scripts and styles from the API itself.
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'https:'] },
      },
    }),
  );
  app.enableCors({
    origin: config.api.corsOrigins.length > 0 ? config.api.corsOrigins : false,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'],
  });
  mountQueueDashboard(app);
  app.use(...jsonBody(config.api.bodyLimitBytes), inputHygiene());
  app.useGlobalInterceptors(new MediaTypeInterceptor(app.get(Reflector)));
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  await app.init();
  assertEveryRouteHasAPolicy(app);
  return app;
}
