import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { EvidenceFile } from '@vigie/database';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/authz/principal';
import { AssessmentsService } from './assessments.service';
import { EVIDENCE_STORAGE, type EvidenceStorage, storageKey } from './evidence-storage';
import { sniffEvidenceType } from './file-type';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Names are kept for display only: no path, no control characters, bounded length. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'fichier';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'fichier';
}

@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly assessments: AssessmentsService,
    private readonly audit: AuditService,
  ) {}

  async upload(
    principal: Principal,
    assessmentId: string,
    measureId: string,
    file: UploadedFile | undefined,
  ): Promise<EvidenceFile> {
    if (!file)
      throw new DomainError(
        ErrorCode.EvidenceFileMissing,
        'Send the evidence as multipart/form-data in a field named "file"',
        [{ field: 'file', problem: 'missing' }],
      );
    const assessment = await this.assessments.get(principal, assessmentId);
    if (assessment.status !== 'draft')
      throw new DomainError(
        ErrorCode.AssessmentFrozen,
        'This assessment is submitted: evidence can no longer be added',
      );
    const plan = await this.assessments.planOf(assessment);
    if (!this.assessments.applicableIds(plan, assessment).includes(measureId))
      throw notFound('Applicable measure', measureId, ErrorCode.MeasureNotFound);
    const contentType = sniffEvidenceType(file.buffer);
    if (!contentType) {
      throw new DomainError(
        ErrorCode.EvidenceUnsupportedType,
        'Unsupported evidence type: send a PDF, PNG, JPEG, Office/OpenDocument or text file',
        [
          {
            field: 'file',
            problem: `content of "${safeFileName(file.originalname)}" is not an accepted type`,
          },
        ],
      );
    }
    const id = randomUUID();
    const key = storageKey(assessmentId, id);
    await this.storage.put(key, file.buffer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = manager.create(EvidenceFile, {
          id,
          assessmentId,
          measureId,
          fileName: safeFileName(file.originalname),
          contentType,
          sizeBytes: file.buffer.length,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          storageKey: key,
          uploadedById: principal.kind === 'user' ? principal.id : null,
        });
        await manager.insert(EvidenceFile, row);
        await this.audit.record(
          {
            action: 'assessment.evidence_add',
            resourceType: 'assessment',
            resourceId: assessmentId,
            regionCode: assessment.establishment.regionCode,
            establishmentId: assessment.establishmentId,
            changes: {
              [measureId]: { to: { fileName: row.fileName, sha256: row.sha256, sizeBytes: row.sizeBytes } },
            },
          },
          manager,
        );
        return row;
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async download(
    principal: Principal,
    assessmentId: string,
    fileId: string,
  ): Promise<{ file: EvidenceFile; content: Buffer }> {
    await this.assessments.get(principal, assessmentId);
    const file = await this.dataSource.getRepository(EvidenceFile).findOneBy({ id: fileId, assessmentId });
    if (!file) throw notFound('Evidence file', fileId, ErrorCode.EvidenceNotFound);
    const content = await this.storage.get(file.storageKey);
    if (createHash('sha256').update(content).digest('hex') !== file.sha256) {
      throw new Error(`Evidence ${file.id} does not match its checksum: the stored file was altered`);
    }
    return { file, content };
  }

  async remove(principal: Principal, assessmentId: string, fileId: string): Promise<void> {
    const assessment = await this.assessments.get(principal, assessmentId);
    if (assessment.status !== 'draft')
      throw new DomainError(ErrorCode.AssessmentFrozen, 'This assessment is submitted: its evidence is kept');
    const repo = this.dataSource.getRepository(EvidenceFile);
    const file = await repo.findOneBy({ id: fileId, assessmentId });
    if (!file) throw notFound('Evidence file', fileId, ErrorCode.EvidenceNotFound);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(EvidenceFile, { id: fileId });
      await this.audit.record(
        {
          action: 'assessment.evidence_remove',
          resourceType: 'assessment',
          resourceId: assessmentId,
          regionCode: assessment.establishment.regionCode,
          establishmentId: assessment.establishmentId,
          changes: { [file.measureId]: { from: { fileName: file.fileName, sha256: file.sha256 } } },
        },
        manager,
      );
    });
    // Copied assessments share the bytes: delete them only when no row points to them any more.
    if (!(await repo.existsBy({ storageKey: file.storageKey }))) await this.storage.delete(file.storageKey);
  }
}
