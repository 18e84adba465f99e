import { checkFiness, DomainError, ErrorCode } from '@vigie/common';
import { Departement } from '@vigie/database';
import type { EntityManager } from 'typeorm';

export interface FinessLocation {
  finess: string;
  departementCode: string;
  regionCode: string;
}

/** The département and region a FINESS number belongs to; a stated département must agree with it. */
export async function locateFiness(
  manager: EntityManager,
  input: string,
  statedDepartement?: string,
): Promise<FinessLocation> {
  const check = checkFiness(input);
  if (!check.valid)
    throw new DomainError(ErrorCode.FinessInvalid, `Invalid FINESS number: ${check.reason}`, [
      { field: 'finess', problem: check.reason },
    ]);
  if (statedDepartement && statedDepartement.toUpperCase() !== check.departementCode) {
    const problem = `FINESS ${check.finess} belongs to département ${check.departementCode}, not ${statedDepartement}`;
    throw new DomainError(ErrorCode.FinessDepartementMismatch, problem, [
      { field: 'departementCode', problem },
    ]);
  }
  const departement = await manager.findOne(Departement, { where: { code: check.departementCode } });
  if (!departement)
    throw new DomainError(ErrorCode.DepartementUnknown, `Unknown département ${check.departementCode}`, [
      { field: 'finess', problem: 'unknown département' },
    ]);
  return { finess: check.finess, departementCode: departement.code, regionCode: departement.regionCode };
}
