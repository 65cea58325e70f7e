import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCodes } from './errors.js';
import { formatPath, parseResponse } from './schema-drift.js';

const schema = z.object({ results: z.array(z.object({ appl_id: z.number(), project_num: z.string() })) });
const context = { source: 'nih', endpoint: 'POST /v2/projects/search' };

describe('parseResponse', () => {
  it('returns the parsed body when it fits', () => {
    expect(
      parseResponse(schema, { results: [{ appl_id: 1, project_num: 'x', extra: 1 }] }, context).results,
    ).toHaveLength(1);
  });

  it('fails with SCHEMA_DRIFT naming the fields that changed', () => {
    const body = {
      results: [
        { appl_id: 1, project_num: 'x' },
        { application_id: 2, project_num: 'y' },
      ],
    };
    let error: unknown;
    try {
      parseResponse(schema, body, context);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({
      code: ErrorCodes.SCHEMA_DRIFT,
      details: { fields: ['results[1].appl_id'] },
    });
    expect((error as Error).message).toMatch(
      /^\[freshet\] \[nih\] POST \/v2\/projects\/search answered in a shape/,
    );
    expect((error as Error).message).toContain('results[1].appl_id');
  });

  it('formats paths like a reader would', () => {
    expect(formatPath(['results', 0, 'organization', 'org_name'])).toBe('results[0].organization.org_name');
    expect(formatPath([])).toBe('(body)');
  });
});
