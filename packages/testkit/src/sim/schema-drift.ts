/*
 * The pieces of the simulators' schema drift (`faults.schemaChange`): a field renamed in every
 * record of a response.
 */

type Fields = Record<string, unknown>;

/** `record` with its key `from` called `to`, in the same place among its keys. */
export function renameKey(record: Fields, from: string, to: string): Fields {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

/** `body` with every item of its array `list` passed through `change`; a body without that array as it is. */
export function mapListItems(body: unknown, list: string, change: (item: Fields) => unknown): unknown {
  const items = (body as Fields | null)?.[list];
  if (!Array.isArray(items)) return body;
  return { ...(body as Fields), [list]: items.map(change) };
}
