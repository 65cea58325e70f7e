import type { HtmlEscapedString } from 'hono/utils/html';

/** What hono's `html` template makes: markup in which every interpolated value was escaped. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A table cell or page body: markup as it is; text and numbers escaped; null, undefined, false as nothing. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

/** A path segment or query value, for hrefs. */
export const enc = encodeURIComponent;
