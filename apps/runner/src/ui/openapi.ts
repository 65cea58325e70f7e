import { z } from 'zod';
import { runnerVersion } from '../version.js';
import {
  assetsSchema,
  errorSchema,
  launchBodySchema,
  launchPreviewSchema,
  openApiDocumentSchema,
  partitionDetailSchema,
  partitionsQuerySchema,
  planQuerySchema,
  runStartedSchema,
  runsQuerySchema,
  runsSchema,
  runViewSchema,
  sourcePartitionsSchema,
  statusSchema,
} from './api-schemas.js';
import { runChangesQuerySchema, runChangesSchema } from './changes-schemas.js';
import { notificationsQuerySchema, notificationsSchema } from './notifications-schemas.js';
import { recordDetailSchema, recordsPageSchema, recordsQuerySchema } from './records-schemas.js';

/** One route of the JSON API, as /api/openapi.json describes it. */
export interface ApiRoute {
  method: 'get' | 'post';
  /** Under /api, as hono writes it: `/sources/:id/partitions`. */
  path: string;
  summary: string;
  description?: string;
  pathParams?: Record<string, { description: string; example: string }>;
  /** Each property is a query parameter. */
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema: z.ZodType }>;
}

const usage = { description: 'a bad source, partition key, window or body', schema: errorSchema };
const notFound = { description: 'nothing by that name', schema: errorSchema };

/**
 * Every route of the JSON API (routes-api.ts registers their handlers): api-doc.test.ts checks
 * that each route registered under /api is here, and that each answer matches its schema.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/status',
    summary: 'The overview: what `freshet status --json` prints',
    description:
      'Sensor, schedule, state artifact, run in progress, workers, recent runs, and per source its freshness, its SLA gaps and why it is disabled when it is.',
    responses: { 200: { description: 'the status', schema: statusSchema } },
  },
  {
    method: 'get',
    path: '/sources/:id/partitions',
    summary: "A source's partitions: one page of the grid, and the bar over all of them",
    pathParams: { id: { description: 'a configured source id', example: 'nih' } },
    query: partitionsQuerySchema,
    responses: {
      200: { description: 'the page', schema: sourcePartitionsSchema },
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/sources/:id/records',
    summary: "One page of a source's stored records, or of one partition's, in key order",
    description:
      'Each record with its revision, when its payload last changed and its freshness ledger status; follow `nextAfter` (as `after`) for the following page.',
    pathParams: { id: { description: 'a configured source id', example: 'nih' } },
    query: recordsQuerySchema,
    responses: {
      200: { description: 'the page of records', schema: recordsPageSchema },
      400: usage,
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/sources/:id/records/:key',
    summary: 'One record: its payload, its ledger entry, its kept revisions and what each changed',
    pathParams: {
      id: { description: 'a source id', example: 'nih' },
      key: {
        description: 'a record key, URL-encoded (keys may hold `/`, `?`, `#`, `%`)',
        example: '10123456',
      },
    },
    responses: {
      200: { description: 'the record', schema: recordDetailSchema },
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/partitions/:key',
    summary: "A partition's checkpoint, lease and freshness ledger: `freshet checkpoint show --json`",
    pathParams: {
      key: { description: 'a partition key, URL-encoded', example: 'nih:project_week_2025-W12' },
    },
    responses: {
      200: { description: 'the partition', schema: partitionDetailSchema },
      400: usage,
    },
  },
  {
    method: 'get',
    path: '/runs',
    summary: 'Runs, newest first: `freshet runs list --json`',
    query: runsQuerySchema,
    responses: { 200: { description: 'the runs', schema: runsSchema } },
  },
  {
    method: 'post',
    path: '/runs',
    summary: 'Start a manual run, as `freshet run` does',
    description:
      'Answers once the run is recorded; the run goes on in the background (follow it at /api/runs/{runId}). A scope naming an unknown source or a bad partition key or window is refused before anything is recorded. Needs the same origin (a browser form) or no Origin header (a script).',
    body: launchBodySchema,
    responses: {
      202: { description: 'the run started', schema: runStartedSchema },
      400: usage,
    },
  },
  {
    method: 'get',
    path: '/runs/:id',
    summary: 'One run: trigger, status, plan, partitions, totals, SLA gaps closed, progress',
    pathParams: { id: { description: 'a run id', example: 'run_20250320T020000Z_3f9a1c' } },
    responses: {
      200: { description: 'the run', schema: runViewSchema },
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/runs/:id/changes',
    summary: "One page of a run's changes: `freshet changes --run <id>`",
    description:
      'Records the run created, changed (with the top-level fields that changed) or found gone, in commit order; follow `next` for the following page.',
    pathParams: { id: { description: 'a run id', example: 'run_20250320T020000Z_3f9a1c' } },
    query: runChangesQuerySchema,
    responses: {
      200: { description: 'the page of changes', schema: runChangesSchema },
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/notifications',
    summary: 'Webhook targets and recent deliveries of notifications, newest first',
    description:
      'Each delivery: its event, target, state (pending, delivered, failed), attempts, next attempt and last error. Target URLs are shown without credentials; secrets never.',
    query: notificationsQuerySchema,
    responses: { 200: { description: 'the targets and deliveries', schema: notificationsSchema } },
  },
  {
    method: 'get',
    path: '/plan',
    summary: 'What POST /api/runs with these fields would run, and why: `freshet plan --json`',
    query: planQuerySchema,
    responses: {
      200: { description: 'the plan, and the sensor', schema: launchPreviewSchema },
      400: usage,
    },
  },
  {
    method: 'get',
    path: '/assets',
    summary: 'The upstream assets the sensor watches: their events, and the sensor’s transitions',
    responses: { 200: { description: 'the assets', schema: assetsSchema } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'the OpenAPI 3.1 document of /api', schema: openApiDocumentSchema } },
  },
];

type JsonSchema = Record<string, unknown>;

/** `/sources/:id/partitions` as OpenAPI writes it: `/api/sources/{id}/partitions`. */
export function openApiPath(path: string): string {
  return `/api${path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
}

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the zod schemas the routes parse
 * their requests with and their answers are checked against. Schemas with an id (Plan, Run,
 * SensorState…) are components, referenced wherever they appear.
 */
export function openApiDocument(): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const converted = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      io,
      // zod drops the `default` of a transforming schema from its input side (a default there
      // is the output's); a query parameter's default in its meta is what the route uses.
      override: ({ zodSchema, jsonSchema }) => {
        const meta = z.globalRegistry.get(zodSchema);
        if (io === 'input' && meta?.default !== undefined) jsonSchema.default = meta.default;
      },
    }) as JsonSchema;
    const { $schema: _, $defs, ...root } = asComponents(converted);
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[id] = def;
    return root;
  };
  convert(errorSchema, 'output'); // the 500 answer of every route refers to it
  for (const route of API_ROUTES) {
    const parameters: unknown[] = [];
    for (const [name, param] of Object.entries(route.pathParams ?? {})) {
      parameters.push({
        name,
        in: 'path',
        required: true,
        description: param.description,
        schema: { type: 'string' },
        example: param.example,
      });
    }
    if (route.query) {
      const properties = (convert(route.query, 'input').properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, schema] of Object.entries(properties)) {
        const { description, ...rest } = schema;
        parameters.push({ name, in: 'query', required: false, description, schema: rest });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(route.responses)) {
      responses[status] = {
        description: answer.description,
        content: { 'application/json': { schema: convert(answer.schema, 'output') } },
      };
    }
    paths[openApiPath(route.path)] ??= {};
    paths[openApiPath(route.path)]![route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      operationId: operationId(route),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        ...responses,
        401: { description: 'a token is set and the request has none, or a wrong one' },
        413: { description: 'a request body over 64 KiB' },
        500: { description: 'something went wrong on the server', content: errorContent() },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Freshet UI JSON API',
      version: runnerVersion(),
      description:
        'The JSON API of `freshet serve` (and `freshet daemon --ui`): the views the pages show, in the shapes the CLI’s --json prints. With a token (FRESHET_UI_TOKEN or --token), every request needs it: "Authorization: Bearer <token>", or the cookie set by opening /?token=<token> once.',
    },
    security: [{}, { bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the UI token' } },
    },
  };
}

function errorContent() {
  return { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
}

function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/\.json$/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [route.method, ...words].join('-').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** zod writes references to its ids as `#/$defs/Plan`: here they are components. */
function asComponents(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}
