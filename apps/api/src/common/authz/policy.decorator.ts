import { SetMetadata } from '@nestjs/common';
import type { Action, Resource } from './permissions';

export const POLICY_KEY = 'vigie:policy';

export type RoutePolicy =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; action: Action; resource: Resource };

/** Anyone, signed in or not (login, health, docs). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);

/** Any signed-in user or key, on resources that are their own (their profile, their session). */
export const Authenticated = () => SetMetadata(POLICY_KEY, { kind: 'authenticated' } satisfies RoutePolicy);

/** The role must hold `action` on `resource`; the service then limits it to the caller's tenant. */
export const Can = (action: Action, resource: Resource) =>
  SetMetadata(POLICY_KEY, { kind: 'permission', action, resource } satisfies RoutePolicy);
