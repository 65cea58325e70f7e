import { describeValue } from './describe-value.js';

/**
 * Why a config file did not load, worded to follow "<file> could not be read: ". `filepath`
 * is read by cosmiconfig and by `loadConfig` to name the file.
 */
export class LoadFailure extends Error {
  override readonly name = 'LoadFailure';
  constructor(
    message: string,
    readonly filepath: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A file that loaded but holds no usable value (`export default null`), worded to follow
 * "<file> ".
 */
export class ExportProblem extends Error {
  override readonly name = 'ExportProblem';
  constructor(
    message: string,
    readonly filepath: string,
  ) {
    super(message);
  }
}

/** What a config threw while it ran, as text that follows "<file> could not be read: ". */
export function thrownByConfig(err: unknown, filepath: string): LoadFailure {
  if (err instanceof LoadFailure) return err;
  if (err instanceof Error) {
    const named = err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
    return new LoadFailure(named, filepath, { cause: err });
  }
  // `throw "x"`: cosmiconfig cannot even attach the file name to a string.
  return new LoadFailure(`the file threw ${describeValue(err)} while loading`, filepath, { cause: err });
}
