import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlanRegistry } from './plan-registry.service';
import { SecurityPlansController } from './security-plans.controller';

@Module({
  imports: [AuditModule],
  controllers: [SecurityPlansController],
  providers: [PlanRegistry],
  exports: [PlanRegistry],
})
export class SecurityPlansModule {}
