import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { AuditController } from './audit.controller.js';
import { CommitteesModule } from '../committees/committees.module.js';

/** The audit trail; global so that any module records its domain acts without importing it. */
@Global()
@Module({
  imports: [CommitteesModule],
  providers: [AuditService],
  controllers: [AuditController],
  exports: [AuditService],
})
export class AuditModule {}
