/** /api/v1/schema.json: JSON Schema (draft 2020-12) of every API file, generated from src/schemas/api.ts. */
import { z } from 'zod';
import { apiSchema } from '../../../schemas/api.ts';
import { API_SCHEMA_PATH } from '../../../lib/paths.ts';
import { jsonResponse } from '../../../site/api.ts';

export const GET = () =>
  jsonResponse({
    ...z.toJSONSchema(apiSchema),
    $id: API_SCHEMA_PATH,
    title: 'Port Atlas JSON API',
    description: 'Every file of /api/v1/ follows one of the definitions under $defs; its `schema` field names which.',
  });
