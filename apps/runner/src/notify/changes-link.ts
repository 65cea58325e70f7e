/** Where a run's change feed is read: the UI's JSON route and the CLI command. */
export function changesLink(runId: string): { api: string; cli: string } {
  return { api: `/api/runs/${encodeURIComponent(runId)}/changes`, cli: `freshet changes --run ${runId}` };
}
