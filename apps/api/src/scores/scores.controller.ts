import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { ScoreSnapshot } from '@vigie/database';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { jobStatusUrl } from '../jobs/jobs.service';
import {
  ComparisonDto,
  CompareQueryDto,
  RescoreAcceptedDto,
  ScoreSnapshotDto,
  ScoreSummaryDto,
} from './dto/score.dto';
import { ScoresService } from './scores.service';

const uuid = new ParseUUIDPipe({ version: '4' });

function summary(s: ScoreSnapshot): ScoreSummaryDto {
  return {
    id: s.id,
    assessmentId: s.assessmentId,
    overall: s.overall,
    tier: s.tier,
    confidence: s.confidence,
    contradictionCount: s.contradictionCount,
    planVersion: s.planVersion,
    scoringVersion: s.scoringVersion,
    inputHash: s.inputHash,
    trigger: s.trigger,
    createdAt: s.createdAt,
  };
}
const full = (s: ScoreSnapshot): ScoreSnapshotDto => ({ ...summary(s), explanation: JSON.parse(s.result) });

@ApiTags('scores')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('establishments/:establishmentId')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get('scores')
  @Can('read', 'score')
  @ApiOperation({ summary: 'Score history of an establishment, newest first' })
  @ApiOkResponse({ type: PageOf(ScoreSummaryDto) })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ScoreSummaryDto>> {
    const [items, total] = await this.scores.history(principal, establishmentId, query);
    return page(items.map(summary), total, query);
  }

  @Get('scores/latest')
  @Can('read', 'score')
  @ApiOperation({
    summary: 'The latest snapshot with its full explanation',
    description: 'No score yet (nothing submitted, or the first scoring still queued): 404 `score.none_yet`.',
  })
  @ApiOkResponse({ type: ScoreSnapshotDto })
  async latest(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
  ): Promise<ScoreSnapshotDto> {
    return full(await this.scores.latest(principal, establishmentId));
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
    return (await this.scores.compare(
      principal,
      establishmentId,
      query.from,
      query.to,
    )) as unknown as ComparisonDto;
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
    return full(await this.scores.snapshot(principal, establishmentId, snapshotId));
  }

  @Post('rescore')
  @Can('create', 'score')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Score the latest submitted assessment again (with the latest findings)',
    description:
      'Follow the job at `statusUrl`: its result gives the snapshot, and `unchanged: true` when the latest score already had exactly these inputs (the rescore changed nothing). No submitted assessment: 409 `score.nothing_submitted`.',
  })
  @ApiAcceptedResponse({ type: RescoreAcceptedDto })
  async rescore(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
  ): Promise<RescoreAcceptedDto> {
    const requested = await this.scores.rescore(principal, establishmentId);
    return { ...requested, statusUrl: jobStatusUrl(requested.queue, requested.jobId) };
  }
}
