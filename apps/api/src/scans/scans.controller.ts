import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  type Finding,
  type FindingChange,
  type Scan,
  type ScanTask,
  ScanTaskStatus,
  UNFINISHED_TASK_STATUSES,
} from '@vigie/database';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import {
  CreateScanDto,
  FindingDto,
  FindingQueryDto,
  ScanDto,
  ScanFindingQueryDto,
  type ScanTaskDto,
} from './dto/scan.dto';
import { FindingMeasuresService, type MeasuresOf } from './finding-measures.service';
import { ScansService } from './scans.service';

const uuid = new ParseUUIDPipe({ version: '4' });

function scanDto(scan: Scan, tasks?: ScanTask[]): ScanDto {
  const done = tasks
    ? tasks.filter((t) => !UNFINISHED_TASK_STATUSES.includes(t.status)).length
    : scan.tasksDone;
  const failed = tasks ? tasks.filter((t) => t.status === ScanTaskStatus.Failed).length : scan.tasksFailed;
  const unreachable = tasks
    ? tasks.filter((t) => t.status === ScanTaskStatus.Unreachable).length
    : scan.tasksUnreachable;
  return {
    id: scan.id,
    establishmentId: scan.establishmentId,
    status: scan.status,
    trigger: scan.trigger,
    progress: {
      tasks: scan.taskCount,
      done,
      failed,
      unreachable,
      percent: scan.taskCount === 0 ? 100 : Math.round((done / scan.taskCount) * 100),
    },
    findings: { new: scan.findingsNew, persisting: scan.findingsPersisting, resolved: scan.findingsResolved },
    checksVersion: scan.checksVersion,
    error: scan.error,
    createdAt: scan.createdAt,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    ...(tasks ? { tasks: tasks.map(taskDto) } : {}),
  };
}

function taskDto(t: ScanTask): ScanTaskDto {
  return {
    subjectType: t.subjectType,
    subjectId: t.subjectId,
    family: t.family,
    target: t.target,
    status: t.status,
    error: t.error,
    attempts: t.attempts,
    findingCount: t.findingCount,
    durationMs: t.durationMs,
    grade: t.grade,
    checkVersion: t.checkVersion,
    details: t.details ? (JSON.parse(t.details) as unknown) : null,
  };
}

export function findingDto(f: Finding, measuresOf: MeasuresOf, change?: FindingChange): FindingDto {
  return {
    id: f.id,
    establishmentId: f.establishmentId,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    family: f.family,
    checkId: f.checkId,
    severity: f.severity,
    target: f.target,
    title: f.title,
    evidence: f.evidence,
    remediation: f.remediation,
    status: f.status,
    ...(change ? { change } : {}),
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    resolvedAt: f.resolvedAt,
    firstScanId: f.firstScanId,
    lastScanId: f.lastScanId,
    checkVersion: f.checkVersion,
    measures: measuresOf(f.checkId),
  };
}

@ApiTags('scans')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller()
export class ScansController {
  constructor(
    private readonly scans: ScansService,
    private readonly measures: FindingMeasuresService,
  ) {}

  @Post('establishments/:establishmentId/scans')
  @Can('create', 'scan')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Queue a scan: every verified asset (empty body), some assets, and/or uploaded configurations. 409 when the establishment already has its maximum of scans in flight.',
  })
  @ApiAcceptedResponse({ type: ScanDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Body() body: CreateScanDto,
  ): Promise<ScanDto> {
    return scanDto(await this.scans.create(principal, establishmentId, body));
  }

  @Get('establishments/:establishmentId/scans')
  @Can('read', 'scan')
  @ApiOperation({ summary: 'Scans of an establishment, newest first' })
  @ApiOkResponse({ type: PageOf(ScanDto) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ScanDto>> {
    const [scans, total] = await this.scans.list(principal, establishmentId, query);
    return page(
      scans.map((s) => scanDto(s)),
      total,
      query,
    );
  }

  @Get('scans/:scanId')
  @Can('read', 'scan')
  @ApiOperation({ summary: 'Status, progress, and the result or error of every check of one scan' })
  @ApiOkResponse({ type: ScanDto })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('scanId', uuid) scanId: string,
  ): Promise<ScanDto> {
    const scan = await this.scans.get(principal, scanId);
    return scanDto(scan, await this.scans.tasks(scan.id));
  }

  @Get('scans/:scanId/findings')
  @Can('read', 'scan')
  @ApiOperation({ summary: 'What one scan found: new, persisting and resolved findings' })
  @ApiOkResponse({ type: PageOf(FindingDto) })
  async scanFindings(
    @CurrentPrincipal() principal: Principal,
    @Param('scanId', uuid) scanId: string,
    @Query() query: ScanFindingQueryDto,
  ): Promise<Page<FindingDto>> {
    const { scan, links, total } = await this.scans.scanFindings(principal, scanId, query);
    const measuresOf = await this.measures.forEstablishment(scan.establishmentId);
    return page(
      links.map((l) => findingDto(l.finding!, measuresOf, l.change)),
      total,
      query,
    );
  }

  @Get('establishments/:establishmentId/findings')
  @Can('read', 'scan')
  @ApiOperation({
    summary:
      'Findings of an establishment (open by default), most severe first, with first-seen and last-seen dates',
  })
  @ApiOkResponse({ type: PageOf(FindingDto) })
  async findings(
    @CurrentPrincipal() principal: Principal,
    @Param('establishmentId', uuid) establishmentId: string,
    @Query() query: FindingQueryDto,
  ): Promise<Page<FindingDto>> {
    const [findings, total] = await this.scans.findings(principal, establishmentId, query);
    const measuresOf = await this.measures.forEstablishment(establishmentId);
    return page(
      findings.map((f) => findingDto(f, measuresOf)),
      total,
      query,
    );
  }

  @Get('findings/:findingId')
  @Can('read', 'scan')
  @ApiOperation({
    summary: 'One finding, with the security-plan measures it bears on and their levels in the latest score',
  })
  @ApiOkResponse({ type: FindingDto })
  async finding(
    @CurrentPrincipal() principal: Principal,
    @Param('findingId', uuid) findingId: string,
  ): Promise<FindingDto> {
    const finding = await this.scans.finding(principal, findingId);
    return findingDto(finding, await this.measures.forEstablishment(finding.establishmentId));
  }
}
