import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IntegerQuery } from './query-params';

export const MAX_PAGE_LIMIT = 200;
/** Far beyond any list, and inside every database's integer range (SQLite int64, PostgreSQL bigint). */
export const MAX_OFFSET = 2_147_483_647;

export class PageQueryDto {
  @ApiPropertyOptional({
    description: `Items per page (1-${MAX_PAGE_LIMIT}).`,
    default: 50,
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    type: 'integer',
  })
  @IsOptional()
  @IntegerQuery(1, MAX_PAGE_LIMIT)
  limit: number = 50;

  @ApiPropertyOptional({
    description: 'Items to skip.',
    default: 0,
    minimum: 0,
    maximum: MAX_OFFSET,
    type: 'integer',
  })
  @IsOptional()
  @IntegerQuery(0, MAX_OFFSET)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function page<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Swagger description of a page of `item`; the class name becomes the schema name. */
export function PageOf<T>(item: new () => T) {
  class PageDto {
    @ApiProperty({ type: [item] })
    items!: T[];
    @ApiProperty({ description: 'Items matching the filters, all pages together.' })
    total!: number;
    @ApiProperty()
    limit!: number;
    @ApiProperty()
    offset!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}
