import { Global, Module } from '@nestjs/common';
import { type AppConfig, loadConfig } from './app-config';
import { resolveJwtSecret } from './jwt-secret';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated AppConfig under APP_CONFIG; tests pass their own. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig()) {
    const resolved: AppConfig = { ...config, auth: { ...config.auth, jwtSecret: resolveJwtSecret(config) } };
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: resolved }],
      exports: [APP_CONFIG],
    };
  }
}
