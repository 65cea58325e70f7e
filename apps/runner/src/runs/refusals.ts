import { ErrorCodes } from '@freshet/core';

/**
 * Why a run was refused before it did any work. Stored as the refused run's error code; the
 * state-artifact refusals reuse core's codes.
 */
export const RefusalCodes = {
  /** An upstream asset failed; a manual run may override with --force. */
  SENSOR_PAUSED: 'SENSOR_PAUSED',
  /** The schedule fires only while the sensor is active. */
  SENSOR_NOT_ACTIVE: 'SENSOR_NOT_ACTIVE',
  /** Another run holds the run lock. */
  RUN_IN_PROGRESS: 'RUN_IN_PROGRESS',
  CHECKPOINT_MISMATCH: ErrorCodes.CHECKPOINT_MISMATCH,
  STATE_INVALID: ErrorCodes.STATE_INVALID,
} as const;

export type RefusalCode = (typeof RefusalCodes)[keyof typeof RefusalCodes];

export type Refusal = {
  code: RefusalCode;
  message: string;
};
