// The UI's defaults alone (no hono, no core): the command table shows them in its help.

export const DEFAULT_UI_HOST = '127.0.0.1';
export const DEFAULT_UI_PORT = 4280;
/** The environment variable the UI token comes from (the config file has no `ui` key). */
export const UI_TOKEN_ENV = 'FRESHET_UI_TOKEN';
