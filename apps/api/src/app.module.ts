import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '@vigie/config';
import { DatabaseModule } from '@vigie/database';
import { QueueModule } from '@vigie/queue';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { AssetsModule } from './assets/assets.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './common/authz/access.guard';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation.pipe';
import { EstablishmentsModule } from './establishments/establishments.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { OutboxModule } from './outbox/outbox.module';
import { RegionsModule } from './regions/regions.module';
import { ScansModule } from './scans/scans.module';
import { ScoresModule } from './scores/scores.module';
import { SecurityPlansModule } from './security-plans/security-plans.module';
import { SeedModule } from './seed/seed.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ schema: 'migrate' }),
        QueueModule.forRoot('producer'),
        AuthModule,
        AuditModule,
        UsersModule,
        ApiKeysModule,
        RegionsModule,
        EstablishmentsModule,
        JobsModule,
        OutboxModule,
        SecurityPlansModule,
        AssessmentsModule,
        ScoresModule,
        ScansModule,
        AssetsModule,
        HealthModule,
        MetricsModule,
        SeedModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
