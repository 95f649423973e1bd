// The limits of a post, stated once for its schema (which the browser's form validates with too).
export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
export const DESCRIPTION_MAX = 300;
export const TAG_MAX = 32;
export const TAGS_MAX = 10;
