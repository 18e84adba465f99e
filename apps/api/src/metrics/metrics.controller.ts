import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Req, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@vigie/common';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import type { Request } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../common/authz/policy.decorator';
import { METRICS_REGISTRY } from './metrics.tokens';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

@ApiTags('operations')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  /**
   * Public to the scraper, not to the world: with METRICS_TOKEN set the scraper sends it as a Bearer token;
   * without it only loopback clients (a local agent, a sidecar) are answered.
   */
  @Get()
  @Public()
  @ApiBearerAuth()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics: HTTP requests and durations, queue depths, process',
    description:
      'Send `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN only loopback clients are answered.',
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Prometheus text format' })
  async metrics(@Req() req: Request): Promise<string> {
    const token = this.config.api.metricsToken;
    if (token) {
      const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
      if (!sameSecret(presented, token))
        throw new DomainError(
          ErrorCode.AuthUnauthenticated,
          'Metrics need the METRICS_TOKEN as a Bearer token',
        );
    } else if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      throw new DomainError(
        ErrorCode.MetricsLoopbackOnly,
        'Metrics are served to loopback clients only unless METRICS_TOKEN is set',
      );
    }
    req.res?.setHeader('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
