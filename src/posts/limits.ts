// The limits of a post, stated once for its schema (which the browser's form validates with too).
export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
