import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { AuditModule } from '../audit/audit.module';
import { EstablishmentsModule } from '../establishments/establishments.module';
import { SecurityPlansModule } from '../security-plans/security-plans.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { EVIDENCE_STORAGE, LocalDiskEvidenceStorage } from './evidence-storage';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [
    AuditModule,
    EstablishmentsModule,
    SecurityPlansModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // No storage option: multer keeps the file in memory, bounded by the size limit.
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.evidence.maxBytes, files: 1, fields: 5 },
      }),
    }),
  ],
  controllers: [AssessmentsController],
  providers: [
    AssessmentsService,
    EvidenceService,
    {
      provide: EVIDENCE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskEvidenceStorage(config.evidence.directory),
    },
  ],
})
export class AssessmentsModule {}
