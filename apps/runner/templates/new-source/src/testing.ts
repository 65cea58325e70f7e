// The simulator of the API, for this package's tests, and its companion, which `freshet sim` and
// the sandbox use (published as `__package__/testing`). The source itself never imports this.
import {
  defineCompanion,
  json,
  type RateLimitConfig,
  type SimRequest,
  type Simulator,
  speedUpRateLimit,
  startSimulator,
} from '@freshet/testkit';
import { type __Name__Item, __name__, SOURCE_ID } from './source.js';

export const __NAME___RATE_LIMIT: RateLimitConfig = { requests: 60, intervalMs: 60_000 };

export interface __Name__SimulatorOptions {
  /** Default 2023..2024. */
  years?: number[];
  /** Default 12. */
  itemsPerYear?: number;
  /** Default the API's own limit; null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
  port?: number;
}

export type __Name__Simulator = Simulator<string> & {
  readonly size: number;
  /** What a correct client ends up with for a year. */
  truth(year: number): __Name__Item[];
};

export async function start__Name__Simulator(
  options: __Name__SimulatorOptions = {},
): Promise<__Name__Simulator> {
  const items = (options.years ?? [2023, 2024]).flatMap((year) =>
    Array.from({ length: options.itemsPerYear ?? 12 }, (_, i) => ({
      id: `${year}-${i + 1}`,
      year,
      title: `Item ${i + 1}`,
    })),
  );
  const list = (req: SimRequest) => {
    const query = (name: string) => Number(req.query.get(name));
    const [year, page, perPage] = [query('year'), query('page'), query('per_page')];
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return json(400, { message: 'page must be 1 or more, per_page 1 to 100' });
    const matching = items.filter((item) => item.year === year);
    const end = page * perPage;
    return json(200, {
      items: matching.slice(end - perPage, end),
      next_page: end < matching.length ? page + 1 : null,
    });
  };
  return startSimulator({
    server: {
      name: SOURCE_ID,
      routes: [{ method: 'GET', path: '/items', handler: list }],
      rateLimit: options.rateLimit === undefined ? __NAME___RATE_LIMIT : options.rateLimit,
      ...(options.port ? { port: options.port } : {}),
      // Drift as this API would show it: the list renamed.
      schemaChange: (body) => {
        const { items: renamed, ...rest } = body as { items: unknown };
        return { ...rest, results: renamed };
      },
    },
    // An upstream edit: a share of the items get a new title.
    mutate: ({ fraction, seed }) => {
      const changed = items.filter(
        (_, i) => (i + Math.abs(seed)) % items.length < Math.round(fraction * items.length),
      );
      for (const item of changed) item.title = `${item.title} (revised ${seed})`;
      return { changed: changed.map((item) => item.id).sort() };
    },
    extras: { size: items.length, truth: (year: number) => items.filter((item) => item.year === year) },
  });
}

export const companion = defineCompanion<__Name__Simulator>({
  sourceId: SOURCE_ID,
  source: { package: '__package__', factory: '__name__', create: __name__ },
  range: () => '2023..2024',
  sim: {
    start: ({ port }) => start__Name__Simulator(port ? { port } : {}),
    options: (sim) => ({ baseUrl: sim.baseUrl, firstYear: 2023 }),
    describe: (sim) => `${sim.size} items, years 2023..2024, 60 requests/min`,
  },
  sandbox: {
    start: ({ speedup }) =>
      start__Name__Simulator({ rateLimit: speedUpRateLimit(__NAME___RATE_LIMIT, speedup) }),
    options: (sim) => ({ baseUrl: sim.baseUrl, firstYear: 2023, pageSize: 4 }),
  },
});
export default companion;
