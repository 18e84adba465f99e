import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { POLICY_KEY } from './policy.decorator';

/** Nest's own metadata key for the HTTP method of a route handler. */
const METHOD_METADATA = 'method';

/**
 * Refuses to start when a route has no access policy. The guard would answer 403 to it anyway; failing at start
 * makes the omission visible to the developer instead of to a user.
 */
export function assertEveryRouteHasAPolicy(app: INestApplication) {
  const missing: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const classPolicy = Reflect.getMetadata(POLICY_KEY, controller);
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (!classPolicy && !Reflect.getMetadata(POLICY_KEY, handler))
          missing.push(`${controller.name}.${name}`);
      }
    }
  }
  if (missing.length > 0)
    throw new Error(
      `Routes without an access policy (@Public, @Authenticated or @Can): ${missing.join(', ')}`,
    );
}
