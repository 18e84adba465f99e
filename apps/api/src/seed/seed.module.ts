import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SecurityPlansModule } from '../security-plans/security-plans.module';
import { SeedService } from './seed.service';

@Module({
  imports: [AuditModule, AuthModule, SecurityPlansModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
