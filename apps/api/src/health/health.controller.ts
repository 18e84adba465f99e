import { Controller, Get, Res, VERSION_NEUTRAL } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { RedisClient } from '@vigie/queue';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/authz/policy.decorator';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Round-trip time of the probe in ms.' })
  latencyMs?: number;
  @ApiPropertyOptional({ description: 'Why the dependency is down.' })
  error?: string;
}

export class HealthChecksDto {
  @ApiProperty({ type: DependencyHealthDto })
  database!: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto })
  redis!: DependencyHealthDto;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;
  @ApiProperty({ description: 'Seconds since the API started.' })
  uptimeSeconds!: number;
}

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyHealthDto> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: 'down', error: (error as Error).message || String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and dependencies: 200 when the database and Redis answer, 503 otherwise',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1'), 2000),
      probe(() => this.redis.ping(1500), 2000),
    ]);
    const ok = database.status === 'up' && redis.status === 'up';
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      checks: { database, redis },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
