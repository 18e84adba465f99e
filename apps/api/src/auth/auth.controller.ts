import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/authz/current-principal.decorator';
import { Authenticated, Public } from '../common/authz/policy.decorator';
import type { Principal } from '../common/authz/principal';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, RefreshDto, TokensDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Rate-limited per client address (429 with Retry-After); the account is locked for a while after repeated failures (423 with Retry-After).',
  })
  @ApiOkResponse({ type: TokensDto })
  login(@Body() body: LoginDto): Promise<TokensDto> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'Each refresh token works once. Presenting a used one revokes every token of that sign-in.',
  })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() body: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token and every token of its sign-in' })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiSecurity('apiKey')
  @ApiOperation({ summary: 'Who am I: identity, role and scope of the caller' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return { ...principal, establishmentIds: [...principal.establishmentIds] };
  }
}
