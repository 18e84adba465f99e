import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SeedService } from './seed.service';

@Module({ imports: [AuditModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
