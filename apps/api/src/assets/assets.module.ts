import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EstablishmentsModule } from '../establishments/establishments.module';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';

@Module({
  imports: [AuditModule, EstablishmentsModule],
  controllers: [AssetsController],
  providers: [AssetsService],
})
export class AssetsModule {}
