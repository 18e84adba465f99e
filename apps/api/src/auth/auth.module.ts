import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@vigie/config';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PrincipalCache } from './principal-cache.service';
import { PrincipalResolver } from './principal-resolver.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key
        // and builds an exception on every verification, which was most of the CPU of a signed-in request.
        secret: config.auth.jwtSecret
          ? createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'))
          : undefined,
        signOptions: { algorithm: 'HS256', issuer: 'vigie' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'vigie' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, LoginThrottleService, PrincipalResolver, PrincipalCache],
  exports: [PrincipalResolver, TokenService, PrincipalCache],
})
export class AuthModule {}
