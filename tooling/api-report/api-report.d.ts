/** The entry's exported names, one `value <name>` or `type <name>` per line, sorted by name. */
export function apiReport(entryFile: string, loadedModule: object): string;

/** Reads (or with UPDATE_API_REPORT=1 rewrites) the committed report to compare against. */
export function checkApiReport(
  entryUrl: URL,
  loadedModule: object,
  reportUrl: URL,
): { actual: string; expected: string; message: string };
