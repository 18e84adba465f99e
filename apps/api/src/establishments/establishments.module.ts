import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { EstablishmentsController } from './establishments.controller';
import { EstablishmentsService } from './establishments.service';
import { GhtsController } from './ghts.controller';
import { GhtsService } from './ghts.service';
import { LegalEntitiesController } from './legal-entities.controller';
import { LegalEntitiesService } from './legal-entities.service';

@Module({
  imports: [AuditModule, AuthModule],
  controllers: [EstablishmentsController, LegalEntitiesController, GhtsController],
  providers: [EstablishmentsService, LegalEntitiesService, GhtsService],
  exports: [EstablishmentsService],
})
export class EstablishmentsModule {}
