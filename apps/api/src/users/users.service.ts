import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, ErrorCode, notFound } from '@vigie/common';
import { Establishment, Region, type Role, User, UserEstablishment } from '@vigie/database';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diffChanges } from '../audit/audit.service';
import { regionCodesOfUser } from '../audit/user-regions';
import { hashPassword } from '../auth/passwords';
import { PrincipalCache, userSubject } from '../auth/principal-cache.service';
import { TokenService } from '../auth/token.service';
import type { Principal } from '../common/authz/principal';
import type { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';

const AUDITED_FIELDS = [
  'email',
  'displayName',
  'role',
  'regionCode',
  'establishmentIds',
  'disabled',
  'passwordHash',
];

const CISO_OF_REGION =
  'EXISTS (SELECT 1 FROM user_establishment ue INNER JOIN establishment s ON s.id = ue."establishmentId" ' +
  'WHERE ue."userId" = u.id AND s."regionCode" = :scopeRegion)';

/** Admins see every user; an analyst the analysts of their region and the CISOs of its establishments. */
function whereUserInScope(qb: SelectQueryBuilder<User>, principal: Principal) {
  if (principal.role === 'national_admin') return qb;
  if (principal.role !== 'regional_analyst' || !principal.regionCode) return qb.andWhere('1 = 0');
  return qb.andWhere(
    `((u.role = 'regional_analyst' AND u.regionCode = :scopeRegion) OR (u.role = 'establishment_ciso' AND ${CISO_OF_REGION}))`,
    { scopeRegion: principal.regionCode },
  );
}

type AuditedUser = Record<string, unknown>;
const snapshot = (user: User, establishmentIds: string[]): AuditedUser => ({
  ...user,
  establishmentIds: [...establishmentIds].sort(),
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalCache,
  ) {}

  list(principal: Principal, query: UserQueryDto) {
    const qb = whereUserInScope(this.dataSource.getRepository(User).createQueryBuilder('u'), principal);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) {
      qb.andWhere('(LOWER(u.email) LIKE :q OR LOWER(u.displayName) LIKE :q)', {
        q: `%${query.q.toLowerCase()}%`,
      });
    }
    return qb
      .leftJoinAndSelect('u.establishmentLinks', 'links')
      .orderBy('u.email', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
  }

  async get(
    principal: Principal,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<User> {
    const qb = manager.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id });
    const user = await whereUserInScope(qb, principal)
      .leftJoinAndSelect('u.establishmentLinks', 'links')
      .getOne();
    if (!user) throw notFound('User', id, ErrorCode.UserNotFound);
    return user;
  }

  async create(principal: Principal, body: CreateUserDto): Promise<User> {
    const passwordHash = await hashPassword(body.password);
    return this.dataSource.transaction(async (manager) => {
      const establishmentIds = body.establishmentIds ?? [];
      await this.checkRoleScope(manager, principal, body.role, body.regionCode ?? null, establishmentIds);
      if (await manager.exists(User, { where: { email: body.email } })) {
        throw new DomainError(ErrorCode.UserEmailTaken, `A user with e-mail ${body.email} already exists`);
      }
      const user = manager.create(User, {
        email: body.email,
        displayName: body.displayName,
        passwordHash,
        role: body.role,
        regionCode: body.role === 'regional_analyst' ? body.regionCode! : null,
      });
      await manager.save(user);
      await this.setEstablishments(manager, user.id, establishmentIds);
      await this.audit.record(
        {
          action: 'user.create',
          resourceType: 'user',
          resourceId: user.id,
          regionCodes: await this.regionsOf(manager, user.regionCode, establishmentIds),
          changes: diffChanges(null, snapshot(user, establishmentIds), AUDITED_FIELDS),
        },
        manager,
      );
      user.establishmentLinks = establishmentIds.map(
        (establishmentId) => ({ userId: user.id, establishmentId }) as UserEstablishment,
      );
      return user;
    });
  }

  async update(principal: Principal, id: string, body: UpdateUserDto): Promise<User> {
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.get(principal, id, manager);
      const beforeIds = (before.establishmentLinks ?? []).map((l) => l.establishmentId);
      await this.checkManageable(manager, principal, before, beforeIds);
      if (body.disabled && before.id === principal.id)
        throw new DomainError(ErrorCode.UserSelfLockout, 'You cannot disable your own account');
      const after = manager.create(User, { ...before });
      delete after.establishmentLinks;
      if (body.displayName !== undefined) after.displayName = body.displayName;
      if (body.disabled !== undefined) after.disabled = body.disabled;
      if (passwordHash) after.passwordHash = passwordHash;
      if (body.regionCode !== undefined) after.regionCode = body.regionCode;
      const afterIds = body.establishmentIds ?? beforeIds;
      await this.checkRoleScope(manager, principal, after.role, after.regionCode, afterIds);
      if (after.disabled && !before.disabled) await this.checkNotLastAdmin(manager, before);

      await manager.save(after);
      if (body.establishmentIds) await this.setEstablishments(manager, id, afterIds);
      if (passwordHash || (after.disabled && !before.disabled)) {
        await this.tokens.revokeAllOfUser(id, passwordHash ? 'password_changed' : 'user_disabled', manager);
      }
      await this.audit.record(
        {
          action: 'user.update',
          resourceType: 'user',
          resourceId: id,
          regionCodes: await this.regionsOf(manager, after.regionCode, afterIds),
          changes: diffChanges(snapshot(before, beforeIds), snapshot(after, afterIds), AUDITED_FIELDS),
        },
        manager,
      );
      after.establishmentLinks = afterIds.map(
        (establishmentId) => ({ userId: id, establishmentId }) as UserEstablishment,
      );
      return after;
    });
    // Role, scope, name, password or status: whatever changed, the cached principals of this user are stale.
    await this.principals.invalidate([userSubject(id)]);
    return updated;
  }

  /**
   * Lifts a lock-out before it lapses (the user called for help). Resetting the password does not: a lock
   * says someone was guessing, and the person who vouches for the caller decides it is over.
   */
  async unlock(principal: Principal, id: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.get(principal, id, manager);
      const establishmentIds = (user.establishmentLinks ?? []).map((l) => l.establishmentId);
      await this.checkManageable(manager, principal, user, establishmentIds);
      if (!user.lockedUntil || user.lockedUntil <= new Date())
        throw new DomainError(ErrorCode.UserNotLocked, `User ${user.email} is not locked`);
      await manager.update(User, { id }, { lockedUntil: null, failedLoginCount: 0 });
      await this.audit.record(
        {
          action: 'user.unlock',
          resourceType: 'user',
          resourceId: id,
          regionCodes: await regionCodesOfUser(manager, user),
          changes: { lockedUntil: { from: user.lockedUntil.toISOString(), to: null } },
        },
        manager,
      );
      return Object.assign(user, { lockedUntil: null, failedLoginCount: 0 });
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.get(principal, id, manager);
      const ids = (user.establishmentLinks ?? []).map((l) => l.establishmentId);
      await this.checkManageable(manager, principal, user, ids);
      if (user.id === principal.id)
        throw new DomainError(ErrorCode.UserSelfLockout, 'You cannot delete your own account');
      await this.checkNotLastAdmin(manager, user);
      await manager.delete(User, { id });
      await this.audit.record(
        {
          action: 'user.delete',
          resourceType: 'user',
          resourceId: id,
          regionCodes: await this.regionsOf(manager, user.regionCode, ids),
          changes: diffChanges(snapshot(user, ids), null, AUDITED_FIELDS),
        },
        manager,
      );
    });
    await this.principals.invalidate([userSubject(id)]);
  }

  /** The scope must fit the role, and an analyst may only hand out establishments of their own region. */
  private async checkRoleScope(
    manager: EntityManager,
    principal: Principal,
    role: Role,
    regionCode: string | null,
    establishmentIds: string[],
  ) {
    if (principal.role === 'regional_analyst' && role !== 'establishment_ciso') {
      throw new DomainError(
        ErrorCode.UserManageForbidden,
        'Regional analysts may only manage establishment CISOs',
      );
    }
    if (role === 'regional_analyst') {
      if (!regionCode)
        throw new DomainError(ErrorCode.UserRoleScopeInvalid, 'A regional analyst needs a regionCode', [
          { field: 'regionCode', problem: 'required for role regional_analyst' },
        ]);
      if (!(await manager.exists(Region, { where: { code: regionCode } }))) {
        throw new DomainError(ErrorCode.RegionUnknown, `Unknown region ${regionCode}`, [
          { field: 'regionCode', problem: 'unknown region' },
        ]);
      }
    } else if (regionCode) {
      throw new DomainError(ErrorCode.UserRoleScopeInvalid, `Role ${role} has no region`, [
        { field: 'regionCode', problem: `not allowed for role ${role}` },
      ]);
    }
    if (role !== 'establishment_ciso') {
      if (establishmentIds.length > 0) {
        throw new DomainError(ErrorCode.UserRoleScopeInvalid, `Role ${role} has no establishments`, [
          { field: 'establishmentIds', problem: `not allowed for role ${role}` },
        ]);
      }
      return;
    }
    if (establishmentIds.length === 0) {
      throw new DomainError(ErrorCode.UserRoleScopeInvalid, 'A CISO needs at least one establishment', [
        { field: 'establishmentIds', problem: 'required for role establishment_ciso' },
      ]);
    }
    const found = await manager.find(Establishment, {
      where: { id: In(establishmentIds) },
      select: { id: true, regionCode: true },
    });
    const visible = found.filter(
      (e) => principal.role === 'national_admin' || e.regionCode === principal.regionCode,
    );
    const missing = establishmentIds.filter((id) => !visible.some((e) => e.id === id));
    if (missing.length > 0) {
      throw new DomainError(
        ErrorCode.EstablishmentUnknown,
        `Unknown establishment(s): ${missing.join(', ')}`,
        [{ field: 'establishmentIds', problem: `unknown: ${missing.join(', ')}` }],
      );
    }
  }

  /** An analyst sees a CISO with one establishment in the region, but manages only one entirely inside it. */
  private async checkManageable(
    manager: EntityManager,
    principal: Principal,
    user: User,
    establishmentIds: string[],
  ) {
    if (principal.role === 'national_admin') return;
    if (user.role !== 'establishment_ciso') {
      throw new DomainError(
        ErrorCode.UserManageForbidden,
        'Regional analysts may only manage establishment CISOs',
      );
    }
    const sites = await manager.find(Establishment, {
      where: { id: In(establishmentIds) },
      select: { id: true, regionCode: true },
    });
    const outside = sites.filter((e) => e.regionCode !== principal.regionCode);
    if (outside.length > 0) {
      throw new DomainError(
        ErrorCode.UserManageForbidden,
        'This CISO also covers establishments of another region: ask a national administrator',
      );
    }
  }

  private async checkNotLastAdmin(manager: EntityManager, user: User) {
    if (user.role !== 'national_admin' || user.disabled) return;
    const admins = await manager.count(User, { where: { role: 'national_admin', disabled: false } });
    if (admins <= 1)
      throw new DomainError(ErrorCode.UserLastAdmin, 'This is the last active national administrator');
  }

  private async setEstablishments(manager: EntityManager, userId: string, establishmentIds: string[]) {
    await manager.delete(UserEstablishment, { userId });
    if (establishmentIds.length > 0) {
      await manager.insert(
        UserEstablishment,
        establishmentIds.map((establishmentId) => ({ userId, establishmentId })),
      );
    }
  }

  /** The analyst's region, or every region of the CISO's establishments, so each region's analysts see it. */
  private async regionsOf(manager: EntityManager, regionCode: string | null, establishmentIds: string[]) {
    if (regionCode) return [regionCode];
    if (establishmentIds.length === 0) return [];
    const sites = await manager.find(Establishment, {
      where: { id: In(establishmentIds) },
      select: { id: true, regionCode: true },
      order: { regionCode: 'ASC' },
    });
    return [...new Set(sites.map((e) => e.regionCode))];
  }
}
