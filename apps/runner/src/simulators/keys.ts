/**
 * The API key the simulators accept when Freshet starts them (`freshet sim`, the sandbox), and
 * the key the sandbox gives its SAM.gov and PatentsView sources. Not a secret: it opens nothing
 * but a simulator on 127.0.0.1.
 */
export const SIMULATOR_API_KEY = 'freshet-sandbox-key';
