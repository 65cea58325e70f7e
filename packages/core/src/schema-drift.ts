import type { ZodType } from 'zod';
import { ErrorCodes, FreshetError } from './errors.js';

export interface ResponseContext {
  source: string;
  /** What was called, e.g. `POST /v2/projects/search`. */
  endpoint: string;
}

const MAX_ISSUES_SHOWN = 3;

/**
 * Validates an API body against the adapter's schema. A mismatch is SCHEMA_DRIFT naming the
 * fields, so an API change is reported as such instead of as wrong data or a crash later.
 */
export function parseResponse<T>(schema: ZodType<T>, body: unknown, context: ResponseContext): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return failDrift(
    `${context.endpoint} answered in a shape this adapter does not know: ${shown.join('; ')}${more}. The API may have changed; upgrade the source package or report the change`,
    context.source,
    issues.map((issue) => formatPath(issue.path)),
  );
}

function failDrift(message: string, source: string, fields: string[]): never {
  throw new FreshetError(ErrorCodes.SCHEMA_DRIFT, message, { source, details: { fields } });
}

/** `results[3].organization.org_name`, the way a reader would write it. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(body)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out;
}
