import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Can } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { type Page, page, PageOf } from '../common/pagination.dto';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Can('read', 'user')
  @ApiOperation({
    summary: 'Users the caller manages',
    description: 'Admins: everyone. Analysts: the analysts and CISOs of their region.',
  })
  @ApiOkResponse({ type: PageOf(UserDto) })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: UserQueryDto): Promise<Page<UserDto>> {
    const [items, total] = await this.users.list(principal, query);
    return page(items.map(UserDto.from), total, query);
  }

  @Get(':id')
  @Can('read', 'user')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(principal, id));
  }

  @Post()
  @Can('create', 'user')
  @ApiOperation({
    summary: 'Create a user',
    description: 'Analysts may only create CISOs of establishments of their region.',
  })
  @ApiCreatedResponse({ type: UserDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(principal, body));
  }

  @Patch(':id')
  @Can('update', 'user')
  @ApiOperation({ summary: 'Change a user: name, password, scope, or disable the account' })
  @ApiOkResponse({ type: UserDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(principal, id, body));
  }

  @Post(':id/unlock')
  @Can('update', 'user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift the lock-out of an account (after LOGIN_MAX_FAILURES failed logins) before it lapses',
    description:
      'Admins: any user. Analysts: the CISOs of their region (they may already reset their password). ' +
      'Resetting a password does not unlock; 409 `user.not_locked` when the account is not locked.',
  })
  @ApiOkResponse({ type: UserDto })
  async unlock(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.unlock(principal, id));
  }

  @Delete(':id')
  @Can('delete', 'user')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and their sessions and API keys' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    await this.users.remove(principal, id);
  }
}
