import { ApiProperty } from '@nestjs/swagger';
import type { Region } from '@vigie/database';

export class DepartementDto {
  @ApiProperty({ example: '2A' })
  code!: string;
  @ApiProperty({ example: 'Corse-du-Sud' })
  name!: string;
}

export class RegionDto {
  @ApiProperty({ description: 'INSEE region code.', example: '94' })
  code!: string;
  @ApiProperty({ example: 'Corse' })
  name!: string;
  @ApiProperty({ example: 'ARS de Corse' })
  arsName!: string;
  @ApiProperty()
  overseas!: boolean;
  @ApiProperty({ type: [DepartementDto] })
  departements!: DepartementDto[];

  static from(region: Region): RegionDto {
    return {
      code: region.code,
      name: region.name,
      arsName: region.arsName,
      overseas: region.overseas,
      departements: (region.departements ?? [])
        .map((d) => ({ code: d.code, name: d.name }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}
