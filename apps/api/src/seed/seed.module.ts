import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SecurityPlansModule } from '../security-plans/security-plans.module';
import { SeedService } from './seed.service';

@Module({ imports: [AuditModule, SecurityPlansModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
