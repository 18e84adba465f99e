import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@vigie/common';
import { ScoreSnapshot } from '@vigie/database';
import { compareSnapshots, type ScoreSnapshotResult } from '@vigie/scoring';
import { DataSource } from 'typeorm';
import { AssessmentsService } from '../assessments/assessments.service';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { EstablishmentsService } from '../establishments/establishments.service';
import {
  ComparisonDto,
  CompareQueryDto,
  RescoreAcceptedDto,
  ScoreSnapshotDto,
  ScoreSummaryDto,
} from './dto/score.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

function summary(s: ScoreSnapshot): ScoreSummaryDto {
  const {
    id,
    assessmentId,
    overall,
    tier,
    confidence,
    contradictionCount,
    planVersion,
    scoringVersion,
    inputHash,
    trigger,
    createdAt,
  } = s;
  return {
    id,
    assessmentId,
    overall,
    tier,
    confidence,
    contradictionCount,
    planVersion,
    scoringVersion,
    inputHash,
    trigger,
    createdAt,
  };
}
const full = (s: ScoreSnapshot): ScoreSnapshotDto => ({ ...summary(s), explanation: JSON.parse(s.result) });

@ApiTags('scores')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('establishments/:establishmentId')
export class ScoresController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentsService,
    private readonly assessments: AssessmentsService,
  ) {}

  @Get('scores')
  @Can('read', 'score')
  @ApiOperation({ summary: 'Score history of an establishment, newest first' })
  @ApiOkResponse({ type: PageOf(ScoreSummaryDto) })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ScoreSummaryDto>> {
    await this.establishments.get(principal, establishmentId);
    const [items, total] = await this.dataSource.getRepository(ScoreSnapshot).findAndCount({
      where: { establishmentId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
      select: {
        id: true,
        assessmentId: true,
        overall: true,
        tier: true,
        confidence: true,
        contradictionCount: true,
        planVersion: true,
        scoringVersion: true,
        inputHash: true,
        trigger: true,
        createdAt: true,
      },
    });
    return page(items.map(summary), total, query);
  }

  @Get('scores/latest')
  @Can('read', 'score')
  @ApiOperation({ summary: 'The latest snapshot with its full explanation' })
  @ApiOkResponse({ type: ScoreSnapshotDto })
  async latest(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
  ): Promise<ScoreSnapshotDto> {
    await this.establishments.get(principal, establishmentId);
    const snapshot = await this.dataSource
      .getRepository(ScoreSnapshot)
      .findOne({ where: { establishmentId }, order: { createdAt: 'DESC', id: 'ASC' } });
    if (!snapshot) throw notFound('Score of establishment', establishmentId);
    return full(snapshot);
  }

  @Get('scores/compare')
  @Can('read', 'score')
  @ApiOperation({
    summary: 'What moved between two snapshots: overall, tier, domains, and each measure with why',
  })
  @ApiOkResponse({ type: ComparisonDto })
  async compare(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: CompareQueryDto,
  ): Promise<ComparisonDto> {
    const [from, to] = await Promise.all([
      this.snapshot(principal, establishmentId, query.from),
      this.snapshot(principal, establishmentId, query.to),
    ]);
    return compareSnapshots(
      JSON.parse(from.result) as ScoreSnapshotResult,
      JSON.parse(to.result) as ScoreSnapshotResult,
    ) as unknown as ComparisonDto;
  }

  @Get('scores/:snapshotId')
  @Can('read', 'score')
  @ApiOperation({ summary: 'One snapshot with its full explanation' })
  @ApiOkResponse({ type: ScoreSnapshotDto })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Param('snapshotId', uuid) snapshotId: string,
  ): Promise<ScoreSnapshotDto> {
    return full(await this.snapshot(principal, establishmentId, snapshotId));
  }

  @Post('rescore')
  @Can('create', 'score')
  @HttpCode(202)
  @ApiOperation({ summary: 'Score the latest submitted assessment again (with the latest findings)' })
  @ApiAcceptedResponse({ type: RescoreAcceptedDto })
  rescore(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
  ): Promise<RescoreAcceptedDto> {
    return this.assessments.rescore(principal, establishmentId);
  }

  private async snapshot(principal: Principal, establishmentId: string, id: string): Promise<ScoreSnapshot> {
    await this.establishments.get(principal, establishmentId);
    const snapshot = await this.dataSource.getRepository(ScoreSnapshot).findOneBy({ id, establishmentId });
    if (!snapshot) throw notFound('Score snapshot', id);
    return snapshot;
  }
}
