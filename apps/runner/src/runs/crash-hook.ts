import { ARTIFACT_WRITE_STEPS, type ArtifactStepHook, ErrorCodes, FreshetError } from '@freshet/core';

/** `FRESHET_CRASH_AT=artifact:<step>`: for crash tests and the chaos campaign only. */
export const CRASH_AT_ENV = 'FRESHET_CRASH_AT';

/**
 * A hook that SIGKILLs this process right after the named step of the state artifact write,
 * as a power cut or `kill -9` would; undefined when the variable is unset. The one place the
 * variable is read.
 */
export function crashHookFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): ArtifactStepHook | undefined {
  const value = env[CRASH_AT_ENV];
  if (value === undefined || value === '') return undefined;
  const step = value.startsWith('artifact:') ? value.slice('artifact:'.length) : null;
  if (step === null || !(ARTIFACT_WRITE_STEPS as readonly string[]).includes(step)) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${CRASH_AT_ENV}=${JSON.stringify(value)} names no step; write artifact:<step> with a step of ${ARTIFACT_WRITE_STEPS.join(', ')}, or unset it (it is for crash tests only)`,
    );
  }
  return (reached) => {
    if (reached === step) process.kill(process.pid, 'SIGKILL');
  };
}
