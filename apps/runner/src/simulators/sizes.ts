import { ErrorCodes, FreshetError } from '@freshet/core';
import type { LoadedCompanion } from './companions.js';
import type { SizeSetting } from './size-setting.js';

/**
 * The sizes per source, each checked against what its companion declares, so a typo is an
 * error that lists the sizes there are rather than a dataset silently left at its default.
 */
export function sizesBySource(
  settings: readonly SizeSetting[],
  companions: readonly LoadedCompanion[],
): Map<string, Record<string, number>> {
  const sizes = new Map<string, Record<string, number>>();
  for (const { sourceId, name, value } of settings) {
    const companion = companions.find((c) => c.companion.sourceId === sourceId)?.companion;
    if (companion === undefined) {
      const known = companions.map((c) => c.companion.sourceId).join(', ');
      throw new FreshetError(
        ErrorCodes.SOURCE_UNKNOWN,
        `--size ${sourceId}.${name}: no simulator for ${sourceId}; there are ${known}`,
      );
    }
    const declared = Object.keys(companion.sim.sizes ?? {});
    if (!declared.includes(name)) {
      const known = declared.length === 0 ? 'no sizes' : `sizes ${declared.join(', ')}`;
      throw new FreshetError(
        ErrorCodes.OPTIONS_INVALID,
        `--size ${sourceId}.${name}: the ${sourceId} simulator takes ${known}`,
      );
    }
    sizes.set(sourceId, { ...sizes.get(sourceId), [name]: value });
  }
  return sizes;
}
