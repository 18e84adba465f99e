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
        secret: config.auth.jwtSecret,
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
