import {
  type Json,
  type Partition,
  parsePartitionKey,
  type SliceRequest,
  type SliceResult,
  type Source,
  silentLogger,
  systemClock,
} from '@freshet/core';

export type OneSliceRequest<Options, Cursor extends Json> = Partial<
  Omit<SliceRequest<Options, Cursor>, 'partition' | 'http'>
> &
  Pick<SliceRequest<Options, Cursor>, 'http'> & {
    /** The partition, or its key (`sbir:award_year_2024`). */
    partition: Partition | string;
  };

/**
 * One `fetchSlice` call made the way the engine makes it, to test a source's slices without
 * the engine: the partition by key or parsed, the first slice (`cursor: null`) and the source's
 * own options unless given, a fresh abort signal, a silent logger and the system clock.
 */
export function fetchOneSlice<Options, Rec, Cursor extends Json>(
  source: Source<Options, Rec, Cursor>,
  request: OneSliceRequest<Options, Cursor>,
): Promise<SliceResult<Rec, Cursor>> {
  const { partition, ...rest } = request;
  return source.fetchSlice({
    partition:
      typeof partition === 'string'
        ? parsePartitionKey(partition, { [source.id]: source.cohort })
        : partition,
    cursor: null,
    options: source.options,
    signal: new AbortController().signal,
    logger: silentLogger,
    clock: systemClock,
    ...rest,
  });
}
