import { AsyncLocalStorage } from 'node:async_hooks';

export interface ActorRef {
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  id: string | null;
  label: string | null;
}

/** What every log line and audit event of one request needs to know, without threading it through calls. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  actor?: ActorRef;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return requestContext.getStore();
}
