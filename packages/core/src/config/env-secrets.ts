const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/i;

/**
 * Values of environment variables whose names look secret (`SAM_GOV_API_KEY`): a TS config
 * reads them from process.env directly, so no interpolation step sees them.
 */
export function secretsInEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined)
    .map(([, value]) => value as string);
}
