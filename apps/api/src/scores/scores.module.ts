import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EstablishmentsModule } from '../establishments/establishments.module';
import { ScoresController } from './scores.controller';
import { ScoresService } from './scores.service';

@Module({
  imports: [AuditModule, EstablishmentsModule],
  controllers: [ScoresController],
  providers: [ScoresService],
})
export class ScoresModule {}
