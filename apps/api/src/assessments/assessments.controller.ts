import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile as UploadedFileParam,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode } from '@vigie/common';
import type { Assessment, EvidenceFile } from '@vigie/database';
import { assessmentProgress } from '@vigie/security-plan';
import type { Response } from 'express';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { UploadTooLarge } from '../common/upload-too-large.interceptor';
import { AssessmentsService } from './assessments.service';
import {
  AnswerConflictDto,
  AnswerDto,
  answerDto,
  AssessmentDto,
  AssessmentSummaryDto,
  EvidenceDto,
  SaveAnswerDto,
  StartAssessmentDto,
  UploadEvidenceDto,
} from './dto/assessment.dto';
import { EvidenceService, type UploadedFile } from './evidence.service';

const uuid = new ParseUUIDPipe({ version: '4' });

const summary = (a: Assessment): AssessmentSummaryDto => ({
  id: a.id,
  establishmentId: a.establishmentId,
  planVersion: a.planVersion,
  mode: a.mode,
  status: a.status,
  createdById: a.createdById,
  submittedById: a.submittedById,
  submittedAt: a.submittedAt,
  copiedFromId: a.copiedFromId,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});
const evidenceDto = (f: EvidenceFile): EvidenceDto => ({
  id: f.id,
  measureId: f.measureId,
  fileName: f.fileName,
  contentType: f.contentType,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  createdAt: f.createdAt,
});

@ApiTags('assessments')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly evidence: EvidenceService,
  ) {}

  @Post('establishments/:establishmentId/assessments')
  @Can('create', 'assessment')
  @ApiOperation({
    summary:
      'Start an assessment: current plan version or a given one, optionally copying the last submitted one',
  })
  @ApiCreatedResponse({ type: AssessmentSummaryDto })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Body() body: StartAssessmentDto,
  ): Promise<AssessmentSummaryDto> {
    return summary(await this.assessments.start(principal, establishmentId, body));
  }

  @Get('establishments/:establishmentId/assessments')
  @Can('read', 'assessment')
  @ApiOperation({ summary: 'Assessments of an establishment, newest first' })
  @ApiOkResponse({ type: PageOf(AssessmentSummaryDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AssessmentSummaryDto>> {
    const [items, total] = await this.assessments.list(principal, establishmentId, query);
    return page(items.map(summary), total, query);
  }

  @Get('assessments/:id')
  @Can('read', 'assessment')
  @ApiOperation({ summary: 'One assessment with its answers, evidence and progress per domain' })
  @ApiOkResponse({ type: AssessmentDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<AssessmentDto> {
    const assessment = await this.assessments.get(principal, id);
    const plan = await this.assessments.planOf(assessment);
    const applicable = this.assessments.applicableIds(plan, assessment);
    const [answers, files] = await this.assessments.details(id);
    return {
      ...summary(assessment),
      applicableMeasureIds: applicable,
      answers: answers.map(answerDto),
      evidence: files.map(evidenceDto),
      progress: assessmentProgress(
        plan,
        applicable,
        answers.map((a) => a.measureId),
      ),
    };
  }

  @Put('assessments/:id/answers/:measureId')
  @Can('update', 'assessment')
  @ApiOperation({
    summary: 'Save the answer to one measure (draft only)',
    description:
      'Send back the `revision` you read as `expectedRevision`; if someone saved in between, the answer is not overwritten and you get 409 with the current answer.',
  })
  @ApiOkResponse({ type: AnswerDto })
  @ApiConflictResponse({
    type: AnswerConflictDto,
    description:
      '`answer.revision_conflict`: someone saved since you read; `current` is the answer as it stands (null if none). `assessment.frozen`: the assessment is submitted.',
  })
  async saveAnswer(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('measureId') measureId: string,
    @Body() body: SaveAnswerDto,
  ): Promise<AnswerDto> {
    return answerDto(await this.assessments.saveAnswer(principal, id, measureId, body));
  }

  @Post('assessments/:id/submit')
  @Can('update', 'assessment')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit: checks every applicable measure is answered, freezes the assessment and queues its scoring',
  })
  @ApiOkResponse({ type: AssessmentSummaryDto })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
  ): Promise<AssessmentSummaryDto> {
    return summary(await this.assessments.submit(principal, id));
  }

  @Delete('assessments/:id')
  @Can('delete', 'assessment')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft assessment' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.assessments.remove(principal, id);
  }

  @Post('assessments/:id/answers/:measureId/evidence')
  @Can('update', 'assessment')
  @UseInterceptors(
    UploadTooLarge(
      ErrorCode.EvidenceTooLarge,
      (config) => `The evidence file is larger than the ${config.evidence.maxBytes}-byte limit`,
    ),
    FileInterceptor('file'),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceDto })
  @ApiOperation({
    summary:
      'Attach a proof to an answer (EVIDENCE_MAX_BYTES at most; PDF, images, Office/OpenDocument, text)',
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('measureId') measureId: string,
    @UploadedFileParam() file: UploadedFile | undefined,
  ): Promise<EvidenceDto> {
    return evidenceDto(await this.evidence.upload(principal, id, measureId, file));
  }

  @Get('assessments/:id/evidence/:fileId')
  @Can('read', 'assessment')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download a proof (its SHA-256 is checked first and sent in X-Content-SHA256)' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('fileId', uuid) fileId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, content } = await this.evidence.download(principal, id, fileId);
    res.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(content, {
      type: file.contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      length: content.length,
    });
  }

  @Delete('assessments/:id/evidence/:fileId')
  @Can('update', 'assessment')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a proof from a draft assessment' })
  @ApiNoContentResponse()
  async removeEvidence(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('fileId', uuid) fileId: string,
  ): Promise<void> {
    await this.evidence.remove(principal, id, fileId);
  }
}
