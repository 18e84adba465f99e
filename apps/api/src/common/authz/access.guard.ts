import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@vigie/common';
import { currentRequestContext } from '@vigie/observability';
import type { Request } from 'express';
import { PrincipalResolver } from '../../auth/principal-resolver.service';
import { API_KEY_FORBIDDEN_ACTIONS, apiKeyMay, roleMay } from './permissions';
import { POLICY_KEY, type RoutePolicy } from './policy.decorator';
import type { Principal } from './principal';

const unauthenticated = (message: string) => new DomainError(ErrorCode.AuthUnauthenticated, message);

/** Reads the credential of a request: `Authorization: Bearer <jwt|api key>` or `X-API-Key: <api key>`. */
export function presentedCredential(req: Request): { kind: 'bearer' | 'api_key'; value: string } | null {
  const apiKey = req.header('x-api-key');
  if (apiKey) return { kind: 'api_key', value: apiKey.trim() };
  const authorization = req.header('authorization');
  if (!authorization) return null;
  const [scheme, value] = authorization.split(' ', 2);
  if (scheme?.toLowerCase() !== 'bearer' || !value) return null;
  return { kind: value.startsWith('vigie_') ? 'api_key' : 'bearer', value: value.trim() };
}

/**
 * The single authorization gate every route goes through. A route without a policy is refused (fail closed);
 * roles are checked here, and the tenant scope of the principal is then applied by the services' queries.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw new DomainError(ErrorCode.AccessForbidden, 'This route has no access policy');
    if (policy.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticate(req);
    req.principal = principal;
    const ctx = currentRequestContext();
    if (ctx) ctx.actor = { type: principal.kind, id: principal.id, label: principal.label };

    if (policy.kind === 'authenticated') return true;
    if (principal.kind === 'api_key' && !apiKeyMay(policy.action, policy.resource)) {
      throw new DomainError(
        ErrorCode.ApiKeyResourceForbidden,
        `API keys cannot ${policy.action} ${policy.resource} resources`,
      );
    }
    if (principal.kind === 'api_key' && API_KEY_FORBIDDEN_ACTIONS.includes(policy.action)) {
      throw new DomainError(
        ErrorCode.ApiKeyResourceForbidden,
        `API keys cannot ${policy.action}: sign in as a person`,
      );
    }
    if (principal.readOnly && policy.action !== 'read') {
      throw new DomainError(ErrorCode.ApiKeyReadOnly, 'This API key is read-only');
    }
    if (!roleMay(principal.role, policy.action, policy.resource)) {
      throw new DomainError(
        ErrorCode.AccessForbidden,
        `Role ${principal.role} may not ${policy.action} ${policy.resource} resources`,
      );
    }
    return true;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const credential = presentedCredential(req);
    if (!credential) throw unauthenticated('Authentication required: send a Bearer token or an X-API-Key');
    const principal =
      credential.kind === 'api_key'
        ? await this.resolver.fromApiKey(credential.value)
        : await this.resolver.fromAccessToken(credential.value);
    if (!principal) {
      throw unauthenticated(
        credential.kind === 'api_key'
          ? 'Invalid, expired or revoked API key'
          : 'Invalid or expired access token',
      );
    }
    return principal;
  }
}
