/** The entry's exported names, one `value <name>` or `type <name>` per line, sorted by name. */
export function apiReport(entryFile: string, loadedModule: object): string;

/** Reads (or with UPDATE_API_REPORT=1 rewrites) the committed report to compare against. */
export function checkApiReport(
  entryUrl: URL,
  loadedModule: object,
  reportUrl: URL,
): { actual: string; expected: string; message: string };

export interface ApiReportEntry {
  /** The entry as package.json exports name it: ".", "./sqlite". */
  name: string;
  /** The entry's source file. */
  entry: URL;
  load(): Promise<object>;
  /** The committed report beside it. */
  report: URL;
}

/** Registers one test per entry point of `packageName`, each comparing it with its report. */
export function describeApiReport(packageName: string, entries: readonly ApiReportEntry[]): void;
