import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@vigie/common';
import { parsePlan, PlanValidationError, type SecurityPlan, validatePlan } from '@vigie/security-plan';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf, PageQueryDto } from '../common/pagination.dto';
import { PlanVersionDto, PlanVersionSummaryDto } from './dto/security-plan.dto';
import { PlanRegistry } from './plan-registry.service';
import type { SecurityPlanVersion } from '@vigie/database';

function summary(row: SecurityPlanVersion, current: string | null): PlanVersionSummaryDto {
  const { version, title, status, publishedAt, source, contentHash } = row;
  return { version, title, status, publishedAt, source, contentHash, current: version === current };
}

@ApiTags('security plan')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@Controller('security-plans')
export class SecurityPlansController {
  constructor(private readonly registry: PlanRegistry) {}

  @Get()
  @Can('read', 'security_plan')
  @ApiOperation({ summary: 'Versions of the security plan; `current` marks the one new assessments use' })
  @ApiOkResponse({ type: PageOf(PlanVersionSummaryDto) })
  async list(@Query() query: PageQueryDto): Promise<Page<PlanVersionSummaryDto>> {
    const current = await this.registry.currentVersion();
    const [rows, total] = await this.registry.list(query);
    return page(
      rows.map((row) => summary(row, current)),
      total,
      query,
    );
  }

  @Get(':version')
  @Can('read', 'security_plan')
  @ApiOperation({ summary: 'One version: tiers, domains, measures and what each level means' })
  @ApiOkResponse({ type: PlanVersionDto })
  async get(@Param('version') version: string): Promise<PlanVersionDto> {
    const { row, plan } = await this.registry.get(version);
    return {
      ...summary(row, await this.registry.currentVersion()),
      description: plan.description,
      tiers: plan.tiers,
      domains: plan.domains.map((d) => ({ ...d, measures: plan.measures.filter((m) => m.domain === d.id) })),
    };
  }

  @Post()
  @Can('create', 'security_plan')
  @ApiOperation({
    summary: 'Load a new plan version as a draft (admins)',
    description:
      'Send the plan as JSON in the same format as the files of config/security-plan, or `{"yaml": "<file content>"}`. It is validated like the files: every problem is listed with its path.',
  })
  @ApiBody({ schema: { type: 'object', description: 'A plan document, or {yaml: string}' } })
  @ApiCreatedResponse({ type: PlanVersionSummaryDto })
  async create(@Body() body: unknown): Promise<PlanVersionSummaryDto> {
    let plan: SecurityPlan;
    try {
      const yaml = (body as { yaml?: unknown } | null)?.yaml;
      plan =
        typeof yaml === 'string' && Object.keys(body as object).length === 1
          ? parsePlan(yaml, 'request body')
          : validatePlan(body, 'request body');
    } catch (error) {
      if (error instanceof PlanValidationError) {
        throw new DomainError(
          ErrorCode.SecurityPlanInvalid,
          `The security plan is invalid (${error.problems.length} problem${error.problems.length > 1 ? 's' : ''})`,
          error.problems.slice(0, 200).map((p) => ({ field: p.path, problem: p.problem })),
        );
      }
      throw error;
    }
    return summary(await this.registry.create(plan), await this.registry.currentVersion());
  }

  @Post(':version/publish')
  @Can('update', 'security_plan')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft: it becomes immutable, and every establishment is rescored (admins)',
  })
  @ApiOkResponse({ type: PlanVersionSummaryDto })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('version') version: string,
  ): Promise<PlanVersionSummaryDto> {
    const row = await this.registry.publish(version, principal.id);
    return summary(row, await this.registry.currentVersion());
  }
}
