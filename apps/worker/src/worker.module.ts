import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@vigie/config';
import { DatabaseModule } from '@vigie/database';
import { QueueModule } from '@vigie/queue';
import { WorkerHealthServer } from './health/worker-health.server';
import { workerMetricsProviders } from './health/worker-metrics';
import { RepeatingJobsScheduler } from './jobs/repeating-jobs.scheduler';
import { HousekeepingService } from './maintenance/housekeeping.service';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { ScanFindingsService } from './scans/scan-findings.service';
import { ScanRunService } from './scans/scan-run.service';
import { ScanScheduleService } from './scans/scan-schedule.service';
import { ScanScheduler } from './scans/scan-scheduler';
import { ScansProcessor } from './scans/scans.processor';
import { ScoringProcessor } from './scoring/scoring.processor';
import { ScoringService } from './scoring/scoring.service';
import { ScoringVersionWatch } from './scoring/scoring-version.watch';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ schema: 'wait' }),
        QueueModule.forRoot('worker'),
      ],
      providers: [
        ...workerMetricsProviders(),
        WorkerHealthServer,
        HousekeepingService,
        RepeatingJobsScheduler,
        MaintenanceProcessor,
        ScoringService,
        ScoringProcessor,
        ScoringVersionWatch,
        ScanFindingsService,
        ScanRunService,
        ScanScheduleService,
        ScanScheduler,
        ScansProcessor,
      ],
    };
  }
}
