/** The API key the first-party companions' simulators accept, and their sources send. */
export const COMPANION_API_KEY = 'freshet-sandbox-key';
