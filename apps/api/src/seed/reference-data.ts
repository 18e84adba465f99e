import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@vigie/config';
import { Departement, Region } from '@vigie/database';
import type { EntityManager } from 'typeorm';

interface RegionsFile {
  regions: {
    code: string;
    name: string;
    ars: string;
    overseas: boolean;
    departements: { code: string; name: string }[];
  }[];
}

export function readRegionsFile(root = projectRoot()): RegionsFile {
  const path = join(root, 'config', 'regions.json');
  const data = JSON.parse(readFileSync(path, 'utf8')) as RegionsFile;
  if (!Array.isArray(data.regions) || data.regions.length !== 18) {
    throw new Error(`${path}: expected the 18 French regions, found ${data.regions?.length ?? 0}`);
  }
  return data;
}

/** Upserts the regions and départements: the file is the source of truth, rerunning it is harmless. */
export async function seedRegions(manager: EntityManager, file = readRegionsFile()): Promise<number> {
  for (const region of file.regions) {
    await manager.upsert(
      Region,
      { code: region.code, name: region.name, arsName: region.ars, overseas: region.overseas },
      ['code'],
    );
    await manager.upsert(
      Departement,
      region.departements.map((d) => ({ code: d.code, name: d.name, regionCode: region.code })),
      ['code'],
    );
  }
  return file.regions.length;
}
