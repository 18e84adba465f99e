import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };

/** Every tag a controller uses, in the order the docs show them; the OpenAPI lint fails on a tag missing here. */
const TAGS: [name: string, description: string][] = [
  ['auth', 'Sign-in, tokens, who am I'],
  ['users', 'Accounts and their scope'],
  ['api keys', 'Keys for machines'],
  ['regions', 'Regions and départements (reference data)'],
  ['legal entities', 'Legal entities (FINESS EJ)'],
  ['ghts', 'Groupements hospitaliers de territoire'],
  ['establishments', 'Establishments (FINESS ET)'],
  ['security plan', 'Versions of the security plan'],
  ['assessments', 'Self-assessments, answers and evidence'],
  ['scores', 'Scores and their explanation'],
  ['assets', 'Internet-facing assets and their verification'],
  ['scans', 'Scans, findings and uploaded configurations'],
  ['audit', 'Audit trail'],
  ['jobs', 'Background jobs'],
  ['operations', 'Health and metrics'],
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/**
 * The OpenAPI document of the API. Every operation also declares its errors (`default`: the one error shape
 * with its `code`), so a generated client types them too; routes with a richer error keep theirs.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder();
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(
    app,
    builder
      .setTitle('Vigie API')
      .setDescription(
        'Posture de cybersécurité des établissements de santé. Every error has the shape `{statusCode, code, error, message, details?}`; `code` is stable (see the `ErrorCode` schema and docs/errors.md). Every list answers `{items, total, limit, offset}`.',
      )
      .setVersion('1')
      .addServer('/', 'The server this document is served from')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or vigie_ API key' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses.default ??= {
        description: 'An error: its `code` says which (docs/errors.md).',
        content: { 'application/json': { schema: ERROR_SCHEMA } },
      };
    }
  }
  return document;
}
