/** Options of `patentsview(options)`, as written in configuration. */
export interface PatentsViewOptionsInput {
  /** Default `https://search.patentsview.org`. */
  baseUrl?: string;
  /** Sent as `X-Api-Key`. Default: the `PATENTSVIEW_API_KEY` environment variable. */
  apiKey?: string;
  /** Patents per request (`o.size`), 1..1000. Default 1000. */
  pageSize?: number;
  /** Fields to ask for (`f`); `patent_id` is added when missing. Default: `PATENTSVIEW_DEFAULT_FIELDS`. */
  fields?: string[];
  /** `GET` with JSON-string parameters (default), or `POST` with a JSON body. */
  method?: 'GET' | 'POST';
  /** Keep withdrawn patents (sends `o.exclude_withdrawn: false`). Default false, as the API. */
  includeWithdrawn?: boolean;
  /** Grant months listed when no range is configured, counting back from the current one. Default 12. */
  recentMonths?: number;
}

/** The options a source instance runs with: every default filled in. */
export interface PatentsViewOptions {
  baseUrl: string;
  /** Undefined when neither the option nor the environment gives one (AUTH_FAILED on the first slice). */
  apiKey?: string | undefined;
  pageSize: number;
  fields: string[];
  method: 'GET' | 'POST';
  includeWithdrawn: boolean;
  recentMonths: number;
}

/**
 * One `patents[]` record of `/api/v1/patent/`. Only `patent_id` is certain; which other fields
 * come back depends on `fields`, and the API adds its hyperlinked groups (`assignees`,
 * `inventors`, `cpc_current`, `uspc_at_issue`, `wipo`) whatever is asked. Every field is kept.
 */
export interface PatentsViewPatent {
  patent_id: string;
  patent_title?: string | null;
  patent_date?: string | null;
  patent_type?: string | null;
  patent_abstract?: string | null;
  withdrawn?: boolean | null;
  assignees?: Array<Record<string, unknown>>;
  inventors?: Array<Record<string, unknown>>;
  cpc_current?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

/** Where the next page starts: the last `patent_id` seen (the `after` of the next request). */
// A type alias, not an interface, so it is assignable to core's Json.
export type PatentsViewCursor = { after: string };
