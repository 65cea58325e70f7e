/** JSON values, as stored in cursors, payloads and state files. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
