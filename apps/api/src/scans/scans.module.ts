import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { AuditModule } from '../audit/audit.module';
import { EstablishmentsModule } from '../establishments/establishments.module';
import { SecurityPlansModule } from '../security-plans/security-plans.module';
import { ConfigFilesController, MAX_CONFIG_FILES } from './config-files.controller';
import { ConfigFilesService } from './config-files.service';
import { FindingMeasuresService } from './finding-measures.service';
import { ScansController } from './scans.controller';
import { ScansService } from './scans.service';

@Module({
  imports: [
    AuditModule,
    EstablishmentsModule,
    SecurityPlansModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // In memory, bounded: configuration files are small text. The path in a file name is kept, since
      // includes refer to it (sshd_config.d/10-local.conf).
      useFactory: (config: AppConfig) => ({
        preservePath: true,
        limits: { fileSize: config.scan.configFileMaxBytes, files: MAX_CONFIG_FILES, fields: 10 },
      }),
    }),
  ],
  controllers: [ScansController, ConfigFilesController],
  providers: [ScansService, ConfigFilesService, FindingMeasuresService],
})
export class ScansModule {}
